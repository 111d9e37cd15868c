using SessionKit.Bench.Hosting;
using SessionKit.Bench.Load;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Ingest;

/// <summary><c>ingest</c>: ingest throughput in embedded mode against the no-op ceiling (docs/performance.md, "Ingest throughput").</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = IngestBenchOptions.Parse(args);
        var machine = MachineInfo.Read();
        var serverAssembly = Path.GetFullPath(options.ServerAssembly ?? RepositoryPaths.ReleaseServerAssembly);
        var plans = LoadCommand.PlanAll(new LoadOptions { Recordings = options.Recordings });
        var settings = Settings(options, plans);
        Console.Error.WriteLine(machine.Describe());
        Console.Error.WriteLine(settings);

        var scenario = new IngestScenario(options, plans, serverAssembly);
        var summaries = new List<IngestSummary>();
        foreach (var sessions in options.Sessions)
        {
            var (runs, discarded) = (new List<IngestRunResult>(), new List<IngestRunResult>());
            for (var run = 1; run <= options.Runs && !cancellationToken.IsCancellationRequested; run++)
            {
                var (kept, disturbed, repeated) = await Measurement.QuietRuns.RunAsync(
                    options.MaxOtherCpu, $"N={sessions} run {run}/{options.Runs}", () => scenario.RunAsync(sessions, run, cancellationToken),
                    r => r.Ingest.Resources.OtherProcessesCpuAverage, cancellationToken);
                runs.Add(kept with { Disturbed = disturbed });
                discarded.AddRange(repeated.Select(r => r with { Disturbed = true }));
                Report(runs[^1]);
            }

            summaries.Add(new IngestSummary(sessions, runs, discarded));
        }

        return BenchReport.Finish(
            IngestTable.Console(summaries),
            () => $"{settings}\n\n{IngestTable.Markdown(summaries)}\nEvery run:\n\n"
                + string.Join('\n', summaries.SelectMany(s => s.All).Select(r => "- " + IngestTable.RunLine(r))) + "\n",
            options.DocumentPath is null ? null : (options.DocumentPath, "Ingest throughput", "ingest", options.Command ?? CommandLine()),
            machine,
            summaries.Count > 0 && summaries.All(s => s.Correct),
            cancellationToken);
    }

    private static string Settings(IngestBenchOptions options, IReadOnlyList<BatchPlan> plans) => FormattableString.Invariant(
        $"Recordings ({plans.Count}, session i replays recording i mod {plans.Count}, and a session that is done is followed by a new one): {string.Join(", ", plans.Select(p => $"`{p.Recording.Name}` ({p.Recording.Events.Count} events, {p.Recording.RawBytes / 1e6:0.00} MB, {p.Batches.Count} batches)"))}. ")
        + FormattableString.Invariant($"Batches as sdk-js cuts them (5 s, 500 events or 256 KiB) and gzips them. Back to back: {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Measure.TotalSeconds:0.#} s measured, first against the no-op endpoint, then against ingest, on the same server. ")
        + (options.Paced > TimeSpan.Zero ? FormattableString.Invariant($"Paced: the same batches when the SDK would send them at the recordings' pace, starts spread over {options.PacedRamp.TotalSeconds:0.#} s, {options.Paced.TotalSeconds:0.#} s measured after the last start and {options.Warmup.TotalSeconds:0.#} s more. ") : string.Empty)
        + "Every run starts a fresh server."
        + (options.ServerEnvironment.Count > 0 ? $" Server environment: {string.Join(", ", options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}"))}." : string.Empty);

    private static void Report(IngestRunResult result)
    {
        Console.WriteLine(IngestTable.RunLine(result));
        foreach (var problem in result.ServerProblems.Take(5))
        {
            Console.WriteLine($"  server: {problem}");
        }

        foreach (var problem in result.Verification?.Problems.Take(5) ?? [])
        {
            Console.WriteLine($"  stored: {problem}");
        }

        if (result.ServerLog is not null)
        {
            Console.WriteLine($"  server log kept: {result.ServerLog}");
        }
    }

    private static string CommandLine() => "dotnet " + string.Join(' ', Environment.GetCommandLineArgs());
}
