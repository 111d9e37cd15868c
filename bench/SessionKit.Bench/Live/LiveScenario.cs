using SessionKit.Bench.Hosting;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Live;

/// <summary>
/// The "live" scenario, one run: a fresh server, N sessions each with one viewer; first the echo
/// baseline (hub round trips at the same concurrency and rate), then the SDKs in live mode.
/// </summary>
internal sealed class LiveScenario(LiveBenchOptions options, SnapshotBatch snapshot, string serverAssembly)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    public async Task<LiveRunResult> RunAsync(int sessions, int run, CancellationToken cancellationToken)
    {
        var result = new LiveRunResult { Sessions = sessions, Run = run, MeasureDuration = options.Measure };
        ServerHost? server = null;
        LiveFixture? fixture = null;
        try
        {
            server = await ServerHost.StartAsync(serverAssembly, options.ServerEnvironment, cancellationToken);
            Progress.Log($"server pid {server.ProcessId} at {server.BaseAddress}; setting up {sessions} sessions and viewers");
            fixture = await LiveFixture.CreateAsync(server, sessions, snapshot, options.ConnectParallelism, options.IdleConnections, cancellationToken);
            result = result with { SessionSetup = fixture.SessionSetup, ViewerSetup = fixture.ViewerSetup };
            Progress.Log($"sessions ready in {fixture.SessionSetup.TotalSeconds:0.0} s, viewers watching in {fixture.ViewerSetup.TotalSeconds:0.0} s; echo baseline");

            result = await RunEchoAsync(result, server, fixture, cancellationToken);
            Progress.Log($"echo p50 {result.Echo.P50:0.00} ms; live for {options.Warmup.TotalSeconds:0} s + {options.Measure.TotalSeconds:0} s");
            result = await RunLiveAsync(result, server, fixture, cancellationToken);
            Progress.Log("measured; closing the viewers");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = result with { Failure = $"{exception.GetType().Name}: {exception.Message}" };
        }
        finally
        {
            if (fixture is not null)
            {
                // Closing the viewers ends their receive loops; only then are their numbers read.
                await fixture.DisposeAsync();
                result = Collect(result, fixture);
            }

            if (server is not null)
            {
                var problems = server.HasExited ? ["the server exited during the run"] : server.Problems();
                var keepLog = problems.Count > 0 || !result.Correct;
                result = result with { ServerProblems = problems, ServerLog = keepLog ? server.LogPath : null };
                await server.DisposeAsync(keepLog);
            }
        }

        Progress.Log("run done");
        return result;
    }

    private async Task<LiveRunResult> RunEchoAsync(LiveRunResult result, ServerHost server, LiveFixture fixture, CancellationToken cancellationToken)
    {
        var log = new LatencyLog();
        var window = new MeasureWindow();
        var viewers = fixture.Viewers;
        using var scheduler = new PacedScheduler(viewers.Count, options.Interval, i => viewers[i].Echo(log, window));
        await using var sampler = new ProcessSampler(server.ProcessId);
        scheduler.Start();
        await Task.Delay(options.BaselineWarmup, cancellationToken);
        await window.OpenAsync(options.Baseline, cancellationToken);
        sampler.Start();
        await window.ClosedAsync(cancellationToken);
        var usage = await sampler.StopAsync();
        scheduler.Stop();
        await WaitUntilAsync(() => !viewers.Any(v => v.EchoPending), DrainTimeout, cancellationToken);
        return result with { Echo = log.Summarize(), EchoResources = usage };
    }

    private async Task<LiveRunResult> RunLiveAsync(LiveRunResult result, ServerHost server, LiveFixture fixture, CancellationToken cancellationToken)
    {
        var pages = fixture.Pages;
        using var scheduler = new PacedScheduler(pages.Count, options.Interval, i => pages[i].Tick());
        await using var sampler = new ProcessSampler(server.ProcessId);
        scheduler.Start();
        await Task.Delay(options.Warmup, cancellationToken);
        await fixture.Window.OpenAsync(options.Measure, cancellationToken);
        sampler.Start();
        await fixture.Window.ClosedAsync(cancellationToken);
        var usage = await sampler.StopAsync();

        // The load goes on (unmeasured) until every measured event has arrived, so the last ones
        // travel under the same load as the others and events still buffered in a page get sent.
        await WaitUntilAsync(() => fixture.Viewers.Sum(v => v.MeasuredEvents) >= fixture.Counters.Recorded, DrainTimeout, cancellationToken);
        scheduler.Stop();
        await WaitUntilAsync(() => !pages.Any(p => p.InFlight), DrainTimeout, cancellationToken);
        return result with { LiveResources = usage, LateFires = scheduler.LateFires, MeasureDuration = fixture.Window.Length };
    }

    private static LiveRunResult Collect(LiveRunResult result, LiveFixture fixture)
    {
        var viewers = fixture.Viewers;
        return result with
        {
            Live = LatencySummary.Of(viewers.SelectMany(v => v.Latencies).Select(s => s.Milliseconds)),
            LiveBySecond = LatencySeries.Of(viewers.SelectMany(v => v.Latencies), fixture.Window.Start),
            Acks = fixture.Counters.Acks.Summarize(),
            Recorded = fixture.Counters.Recorded,
            Received = viewers.Sum(v => v.MeasuredEvents),
            Gaps = viewers.Sum(v => v.Stats.Gaps),
            Duplicates = viewers.Sum(v => v.Stats.Duplicates),
            Errors = fixture.Counters.Errors + viewers.Count(v => v.Stats.ConnectionError is not null) + viewers.Sum(v => v.Stats.EchoErrors),
            ErrorKinds = string.Join("; ", new[] { fixture.Counters.ErrorKinds }
                .Concat(viewers.Select(v => v.Stats.ConnectionError).OfType<string>().Distinct().Take(3))
                .Where(s => s.Length > 0)),
            NotLive = fixture.Counters.NotLive,
            DeferredTicks = fixture.Counters.DeferredTicks,
            EchoesSkipped = viewers.Sum(v => v.Stats.EchoesSkipped),
            CatchUpsWithoutSnapshot = viewers.Count(v => v.CatchUp.IsCompletedSuccessfully && !v.Stats.CatchUpHadSnapshot),
        };
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
