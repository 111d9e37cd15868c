using SessionKit.Bench.Hosting;
using SessionKit.Bench.Load;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Cluster;

/// <summary><c>cluster</c>: ingest throughput with 1, 2 and 3 nodes on PostgreSQL and RabbitMQ (docs/performance.md, "Cluster ingest").</summary>
internal static class ClusterCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = ClusterBenchOptions.Parse(args);
        var machine = MachineInfo.Read();
        var serverAssembly = Path.GetFullPath(options.ServerAssembly ?? RepositoryPaths.ReleaseServerAssembly);
        var plans = LoadCommand.PlanAll(new LoadOptions { Recordings = options.Recordings });
        var settings = Settings(options);
        Console.Error.WriteLine(machine.Describe());
        Console.Error.WriteLine(settings);

        var scenario = new ClusterScenario(options, plans, serverAssembly);
        var summaries = new List<ClusterSummary>();
        foreach (var nodes in options.Nodes)
        {
            var runs = new List<ClusterRunResult>();
            for (var run = 1; run <= options.Runs && !cancellationToken.IsCancellationRequested; run++)
            {
                runs.Add(await scenario.RunAsync(nodes, run, cancellationToken));
                Console.WriteLine(ClusterTable.RunLine(runs[^1]));
            }

            summaries.Add(new ClusterSummary(nodes, runs));
        }

        return BenchReport.Finish(
            ClusterTable.Console(summaries),
            () => $"{settings}\n\n{ClusterTable.Markdown(summaries)}\nEvery run:\n\n"
                + string.Join('\n', summaries.SelectMany(s => s.Runs).Select(r => "- " + ClusterTable.RunLine(r))) + "\n",
            options.DocumentPath is null ? null : (options.DocumentPath, "Cluster ingest", "cluster", options.Command ?? CommandLine()),
            machine,
            summaries.Count > 0 && summaries.All(s => s.Correct),
            cancellationToken);
    }

    private static string Settings(ClusterBenchOptions options) => FormattableString.Invariant(
        $"{options.Sessions} concurrent sessions spread round-robin over the nodes, replaying the fixture recordings with the batches sdk-js would send (gzipped). ")
        + FormattableString.Invariant($"Back to back: {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Measure.TotalSeconds:0.#} s measured. ")
        + (options.Paced > TimeSpan.Zero ? FormattableString.Invariant($"Paced: the same batches at the recordings' pace, starts spread over 5 s, {options.Paced.TotalSeconds:0.#} s measured. ") : string.Empty)
        + "Every run starts a fresh cluster: its nodes (Release build, `SESSIONKIT_STORAGE=postgres`, `SESSIONKIT_TRANSPORT=rabbitmq`, 32 partitions), "
        + "a fresh database on one private PostgreSQL server and the queues of one private RabbitMQ broker, everything on this machine's 2 CPUs. "
        + "CPU by role is read from /proc over each measure window: the nodes' processes, the broker's Erlang VM, every postgres process, the load generator; the kernel's share is the busy time charged to no process (loopback TCP, mostly).";

    private static string CommandLine() => "dotnet " + string.Join(' ', Environment.GetCommandLineArgs());
}
