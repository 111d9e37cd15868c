using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace SessionKit.Bench.Load;

/// <summary>What a run did: every session (for the check afterwards) and the counters.</summary>
internal sealed record LoadRunResult(IReadOnlyList<LoadSession> Sessions, LoadStats Stats, TimeSpan Elapsed, string? Fatal, bool Aborted);

/// <summary>
/// Runs <see cref="LoadOptions.Sessions"/> visitor slots at once: each plays one recording as one
/// session, and with <see cref="LoadOptions.Loop"/> starts a new session with the next recording when
/// done, until the duration is over. Then the batches in flight get <see cref="LoadOptions.DrainTimeout"/>
/// to be answered before they are abandoned.
/// </summary>
internal sealed class LoadRunner(LoadOptions options, IReadOnlyList<BatchPlan> plans, string? ingestKey)
{
    private readonly ConcurrentQueue<LoadSession> _sessions = new();
    private readonly string _runTag = Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8].ToLowerInvariant();
    private int _active;
    private string? _fatal;

    public LoadStats Stats { get; } = new();

    public int ActiveSessions => Volatile.Read(ref _active);

    public async Task<LoadRunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var http = CreateClient(ingestKey, options.Sessions);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSending = new CancellationTokenSource();
        using var onCancel = cancellationToken.Register(stopSending.Cancel);
        using var onStop = stopSending.Token.Register(() => abort.CancelAfter(options.DrainTimeout));
        if (options.Duration is { } duration)
        {
            stopSending.CancelAfter(duration);
        }

        var context = new LoadContext(http, new NodeRouter(options.Urls), options, Stats, stopSending.Token, abort.Token);
        var clock = Stopwatch.StartNew();
        using var progressStop = new CancellationTokenSource();
        var progress = options.ShowProgress ? LoadProgress.RunAsync(this, progressStop.Token) : Task.CompletedTask;
        await Task.WhenAll(Enumerable.Range(0, options.Sessions).Select(slot => RunSlotAsync(slot, context, abort)));
        await progressStop.CancelAsync();
        await progress;
        var aborted = abort.IsCancellationRequested;
        return new LoadRunResult([.. _sessions], Stats, clock.Elapsed, _fatal, aborted);
    }

    private async Task RunSlotAsync(int slot, LoadContext context, CancellationTokenSource abort)
    {
        await Task.Yield();
        try
        {
            await Task.Delay(options.Ramp * slot / options.Sessions, context.StopSending);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        for (var round = 0; !context.StopSending.IsCancellationRequested; round++)
        {
            var plan = plans[(slot + round) % plans.Count];
            var session = new LoadSession($"lg-{_runTag}-{slot}-{round}", plan, context.Nodes.First(slot), context);
            _sessions.Enqueue(session);
            Interlocked.Increment(ref _active);
            try
            {
                await session.RunAsync();
            }
            catch (OperationCanceledException) when (context.Abort.IsCancellationRequested)
            {
                return;
            }
            catch (FatalAnswerException exception)
            {
                Interlocked.CompareExchange(ref _fatal, exception.Message, null);
                await abort.CancelAsync();
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }

            if (!options.Loop)
            {
                return;
            }
        }
    }

    /// <summary>A connection per session at most, like that many browsers; never waits for a free one.</summary>
    private static HttpClient CreateClient(string? ingestKey, int sessions)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = sessions + 16,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        if (ingestKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-SessionKit-Key", ingestKey);
        }

        return client;
    }
}
