using System.Globalization;
using SessionKit.Bench.Hosting;
using SessionKit.Bench.Measurement;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Live;

/// <summary><c>live</c>: the live-latency benchmark (docs/performance.md, "Live latency").</summary>
internal static class LiveCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = LiveBenchOptions.Parse(args);
        var machine = MachineInfo.Read();
        var serverAssembly = Path.GetFullPath(options.ServerAssembly ?? RepositoryPaths.ReleaseServerAssembly);
        var fixture = Path.GetFullPath(options.Fixture ?? Path.Combine(RepositoryPaths.Recordings, "rrweb-player-demoit.json"));
        var snapshot = SnapshotBatch.Load(fixture);
        var settings = string.Create(CultureInfo.InvariantCulture,
            $"Each session has one viewer; its SDK sends a batch of 1-3 mouse moves every {options.Interval.TotalMilliseconds:0} ms after a first batch with the Meta and FullSnapshot of `{Path.GetFileName(fixture)}` ({snapshot.Bytes:#,0} bytes). Live: {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Measure.TotalSeconds:0.#} s measured. Echo baseline: {options.BaselineWarmup.TotalSeconds:0.#} s warm-up, {options.Baseline.TotalSeconds:0.#} s measured. Every run starts a fresh server.")
            + (options.IdleConnections > 0 ? $" Plus {options.IdleConnections} hub connections that watch nothing." : string.Empty)
            + (options.ServerEnvironment.Count > 0 ? $" Server environment: {string.Join(", ", options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}"))}." : string.Empty);
        Console.Error.WriteLine(machine.Describe());
        Console.Error.WriteLine(settings);

        var scenario = new LiveScenario(options, snapshot, serverAssembly);
        var summaries = new List<LiveSummary>();
        for (var index = 0; index < options.Sessions.Count && !cancellationToken.IsCancellationRequested; index++)
        {
            summaries.Add(await RunConfigurationAsync(options, scenario, index, cancellationToken));
        }

        Console.WriteLine();
        Console.WriteLine(LiveTable.Console(summaries));

        if (options.DocumentPath is not null && !cancellationToken.IsCancellationRequested)
        {
            var command = options.Command ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs());
            PerformanceDocument.WriteLiveLatency(options.DocumentPath, machine, command, settings, summaries);
            Console.WriteLine($"Wrote the live latency results to {options.DocumentPath}.");
        }

        var correct = summaries.Count > 0 && summaries.All(s => s.Correct);
        Console.WriteLine(correct
            ? "Correctness: every measured event arrived once, in order, with no errors."
            : "Correctness: FAILED (see gaps, duplicates, lost events, errors or failures above).");
        return correct ? 0 : 1;
    }

    private static async Task<LiveSummary> RunConfigurationAsync(
        LiveBenchOptions options, LiveScenario scenario, int index, CancellationToken cancellationToken)
    {
        var sessions = options.Sessions[index];
        var (runs, discarded) = (new List<LiveRunResult>(), new List<LiveRunResult>());
        for (var run = 1; run <= options.RunsFor(index) && !cancellationToken.IsCancellationRequested; run++)
        {
            var number = run;
            var (kept, disturbed, repeated) = await QuietRuns.RunAsync(
                options.MaxOtherCpu, $"N={sessions} run {run}/{options.RunsFor(index)}", () => scenario.RunAsync(sessions, number, cancellationToken),
                r => r.LiveResources.OtherProcessesCpuAverage, cancellationToken);
            foreach (var result in repeated.Select(r => r with { Disturbed = true }).Append(kept with { Disturbed = disturbed }))
            {
                Report(result);
            }

            runs.Add(kept with { Disturbed = disturbed });
            discarded.AddRange(repeated.Select(r => r with { Disturbed = true }));
        }

        return new LiveSummary(sessions, runs, discarded);
    }

    private static void Report(LiveRunResult result)
    {
        Console.WriteLine(LiveTable.RunLine(result));
        Console.WriteLine("  " + LiveTable.SecondsLine(result));
        Console.WriteLine("  " + LiveTable.ThreadsLine(result));
        foreach (var problem in result.ServerProblems.Take(5))
        {
            Console.WriteLine($"  server: {problem}");
        }

        if (result.ServerLog is not null)
        {
            Console.WriteLine($"  server log kept: {result.ServerLog}");
        }
    }
}
