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
    private SignalEvaluator? _evaluator;
    private bool _disabled;

    /// <summary>
    /// Evaluates a batch the grain has just stored (<paramref name="session"/> is the session after it);
    /// <paramref name="layout"/>: what ingest's parser saw of it, if it did.
    /// </summary>
    public async Task ObserveAsync(SessionRecord session, byte[] eventsJson, BatchLayout? layout = null)
    {
        if (_disabled || !services.Options.Enabled)
        {
            return;
        }

        try
        {
            var raised = await EvaluateAsync(session, eventsJson, layout);
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

    private async Task<List<Signal>> EvaluateAsync(SessionRecord session, byte[] eventsJson, BatchLayout? layout)
    {
        var raised = new List<Signal>();
        if (_evaluator is not null)
        {
            _evaluator.Feed(eventsJson, raised, layout);
            _signals.AddRange(raised);
            return raised;
        }

        _evaluator = new SignalEvaluator(services.Options, session.ProjectId);
        if (session.NextOrdinal == 1)
        {
            // This batch is the session's first: nothing before it to replay.
            _evaluator.Feed(eventsJson, raised, layout);
            _signals.AddRange(raised);
            return raised;
        }

        // The stored stream already holds this batch.
        var all = await StoredEvaluation.EvaluateAsync(services.Sessions, sessionId, _evaluator, CancellationToken.None);
        var stored = (await services.Signals.GetScoreAsync(sessionId, CancellationToken.None))?.SignalCount ?? 0;
        _signals.AddRange(all);
        return [.. all.Skip(stored)];
    }

    public static SignalRecord ToRecord(SessionRecord session, Signal signal) => new(
        session.Id, signal.Index, session.ProjectId, signal.Type, signal.At, signal.Url, signal.Target?.Selector, signal.Target?.Text,
        SignalJson.Evidence(signal.Evidence), signal.Explanation);

    private SessionScoreRecord ToRecord(SessionRecord session, SessionScore score) => new(
        session.Id, session.ProjectId, score.Score, _signals.Count, score.Types, [.. score.Pages.Select(page => new PageScoreRecord(page.Url, page.Score))]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the frustration signals of session {SessionId} failed; they are evaluated again from storage with its next batch")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating the frustration signals of session {SessionId} failed; signals are off for it until its grain is activated again")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sink} failed to handle new signals of session {SessionId}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, string sessionId);
}
