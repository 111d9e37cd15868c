using SessionKit.Bench.Hosting;
using SessionKit.Bench.Load;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Storage;

/// <summary><c>storage</c>: bytes on disk per recording against gzip of its raw JSON (docs/performance.md, "Storage").</summary>
internal static class StorageCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = StorageBenchOptions.Parse(args);
        var machine = MachineInfo.Read();
        var serverAssembly = Path.GetFullPath(options.ServerAssembly ?? RepositoryPaths.ReleaseServerAssembly);
        var plans = LoadCommand.PlanAll(new LoadOptions { Recordings = options.Recordings });
        var baselines = plans.Select(p => StorageBaseline.Of(p.Recording)).ToList();
        Console.Error.WriteLine(machine.Describe());

        var empty = await StorageScenario.EmptyDatabaseBytesAsync(serverAssembly, cancellationToken);
        var scenario = new StorageScenario(plans, baselines, serverAssembly, empty);
        var runs = new List<StorageRunResult>();
        for (var run = 1; run <= options.Runs && !cancellationToken.IsCancellationRequested; run++)
        {
            Progress.Log($"run {run}/{options.Runs}");
            runs.Add(await scenario.RunAsync(run, cancellationToken));
            Console.WriteLine(StorageTable.RunLine(runs[^1]));
        }

        Console.WriteLine();
        Console.WriteLine(StorageTable.Console(runs));
        var identical = runs.Where(r => r.Failure is null).Select(r => r.StoredBytes).Distinct().Count() == 1;
        if (options.DocumentPath is not null && !cancellationToken.IsCancellationRequested)
        {
            var body = "Each recording is ingested as one session, with the batches sdk-js would send (gzipped), back to back; then the server "
                + "is stopped with SIGTERM, which deactivates every session grain, and each compacts what it holds into chunks. "
                + "*SessionKit stored* is the sum of the session's chunks in `event_chunks` and of the large strings they refer to in `session_blobs` (plus batches left in `pending_batches`: none after a graceful stop), "
                + "read from the SQLite file. The baselines are computed in the same run on the recording's events as one compact JSON array. "
                + $"Medians of {runs.Count} runs, each with a fresh server{(runs.Count > 1 ? identical ? " (every run stored exactly the same bytes)" : " (the runs differed; see below)" : string.Empty)}.\n\n"
                + StorageTable.Markdown(runs) + "\nEvery run:\n\n" + string.Join('\n', runs.Select(r => "- " + StorageTable.RunLine(r))) + "\n";
            PerformanceDocument.WriteSection(options.DocumentPath, "Storage", "storage", machine, options.Command ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs()), body);
            Console.WriteLine($"Wrote the storage results to {options.DocumentPath}.");
        }

        var correct = runs.Count > 0 && runs.All(r => r.Correct);
        Console.WriteLine(correct
            ? "Correctness: every acknowledged event was stored once, in order, and the server compacted everything on its graceful stop."
            : "Correctness: FAILED (see the runs above).");
        return correct ? 0 : 1;
    }
}
