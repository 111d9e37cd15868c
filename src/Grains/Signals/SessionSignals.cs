using System.Data.Common;
using Microsoft.Extensions.Logging;
using SessionKit.Silo;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>
/// One session's live evaluation, owned by its grain. After an activation the evaluator is rebuilt from the
/// stored stream on the first batch (signals stored before are recognised by index and not stored or
/// announced again), so its state survives deactivation and crashes without a checkpoint of its own.
/// Signals never fail ingest: when storage fails, the evaluator is dropped and rebuilt from storage with
/// the next batch; when the evaluation itself fails, it would fail the same way again (it is deterministic),
/// so signals stay off for the rest of this activation rather than replaying the session with every batch.
/// </summary>
public sealed partial class SessionSignals(string sessionId, SignalServices services)
{
    private readonly List<Signal> _signals = [];
    private readonly List<ObservedBatch> _observed = [];
    private SignalEvaluator? _evaluator;
    private bool _disabled;

    /// <summary>
    /// Notes a batch the grain has just stored (<paramref name="session"/> is the session after it;
    /// <paramref name="layout"/>: what ingest's parser saw of it, if it did) for <see cref="EvaluateObservedAsync"/>.
    /// Returns false when signals are off, so there is nothing to evaluate.
    /// </summary>
    public bool Observe(SessionRecord session, ReadOnlyMemory<byte> eventsJson, BatchLayout? layout = null)
    {
        if (_disabled || !services.Options.Enabled)
        {
            return false;
        }

        _observed.Add(new ObservedBatch(session, eventsJson, layout));
        return true;
    }

    /// <summary>
    /// Evaluates the batches observed since the last call, in order, then stores and announces what they raised.
    /// The grain runs it in a turn after the batches were answered: acknowledging a batch waits for its storage,
    /// not for its signals.
    /// </summary>
    public async Task EvaluateObservedAsync()
    {
        if (_observed.Count == 0)
        {
            return;
        }

        var session = _observed[^1].Session;
        try
        {
            var raised = await EvaluateAsync();
            if (raised.Count == 0)
            {
                return;
            }

            var score = FrustrationScore.For(_signals);
            await services.Signals.SaveSignalsAsync([.. raised.Select(signal => ToRecord(session, signal))], ToRecord(session, score), CancellationToken.None);
            await NotifyAsync(session, raised, score);
        }
        catch (Exception exception) when (exception is ServiceUnavailableException or StorageConflictException or DbException)
        {
            LogStorageFailed(services.Logger, exception, sessionId);
            _evaluator = null;
            _signals.Clear();
        }
        catch (Exception exception)
        {
            LogEvaluationFailed(services.Logger, exception, sessionId);
            _disabled = true;
            _evaluator = null;
            _signals.Clear();
        }
        finally
        {
            _observed.Clear();
        }
    }

    /// <summary>Each sink on its own: a failing one (a database hiccup reading alert rules) costs only its own work.</summary>
    private async Task NotifyAsync(SessionRecord session, List<Signal> raised, SessionScore score)
    {
        foreach (var sink in services.Sinks)
        {
            try
            {
                await sink.OnRaisedAsync(session, raised, score);
            }
            catch (Exception exception)
            {
                LogSinkFailed(services.Logger, exception, sink.GetType().Name, sessionId);
            }
        }
    }

    /// <summary>Within the node's limit on evaluations at once, if it has one (<see cref="SignalServices.Evaluations"/>).</summary>
    private async Task<List<Signal>> EvaluateAsync()
    {
        if (services.Evaluations is not { } permits)
        {
            return await EvaluateObservedBatchesAsync();
        }

        await permits.WaitAsync();
        try
        {
            return await EvaluateObservedBatchesAsync();
        }
        finally
        {
            permits.Release();
        }
    }

    private async Task<List<Signal>> EvaluateObservedBatchesAsync()
    {
        var raised = new List<Signal>();
        var first = _observed[0];
        if (_evaluator is null && first.Session.NextOrdinal > 1)
        {
            // Rebuilt from the stored stream, which holds every observed batch already (each was stored first).
            _evaluator = new SignalEvaluator(services.Options, first.Session.ProjectId);
            var all = await StoredEvaluation.EvaluateAsync(services.Sessions, sessionId, _evaluator, CancellationToken.None);
            var stored = (await services.Signals.GetScoreAsync(sessionId, CancellationToken.None))?.SignalCount ?? 0;
            _signals.AddRange(all);
            return [.. all.Skip(stored)];
        }

        // Otherwise the first observed batch is the session's first: nothing before it to replay.
        _evaluator ??= new SignalEvaluator(services.Options, first.Session.ProjectId);
        foreach (var batch in _observed)
        {
            _evaluator.Feed(batch.EventsJson.Span, raised, batch.Layout);
        }

        _signals.AddRange(raised);
        return raised;
    }

    public static SignalRecord ToRecord(SessionRecord session, Signal signal) => new(
        session.Id, signal.Index, session.ProjectId, signal.Type, signal.At, signal.Url, signal.Target?.Selector, signal.Target?.Text,
        SignalJson.Evidence(signal.Evidence), signal.Explanation);

    private SessionScoreRecord ToRecord(SessionRecord session, SessionScore score) => new(
        session.Id, session.ProjectId, score.Score, _signals.Count, score.Types, [.. score.Pages.Select(page => new PageScoreRecord(page.Url, page.Score))]);

    private sealed record ObservedBatch(SessionRecord Session, ReadOnlyMemory<byte> EventsJson, BatchLayout? Layout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the frustration signals of session {SessionId} failed; they are evaluated again from storage with its next batch")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating the frustration signals of session {SessionId} failed; signals are off for it until its grain is activated again")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sink} failed to handle new signals of session {SessionId}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, string sessionId);
}
