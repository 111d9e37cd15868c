using SessionKit.Bench.Ingest;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Cluster;

/// <summary>
/// One run: a fresh cluster of N nodes; back-to-back load spread over every node, then the SDK's pace,
/// each with the CPU of every role over its measure window; then the check of everything acknowledged.
/// </summary>
internal sealed class ClusterScenario(ClusterBenchOptions options, IReadOnlyList<BatchPlan> plans, string serverAssembly)
{
    public async Task<ClusterRunResult> RunAsync(int nodes, int run, CancellationToken cancellationToken)
    {
        var result = new ClusterRunResult { Nodes = nodes, Run = run };
        ClusterUnderBench? cluster = null;
        try
        {
            Progress.Log($"{nodes} node(s) run {run}: starting the cluster");
            cluster = await ClusterUnderBench.StartAsync(serverAssembly, nodes, cancellationToken);
            var key = await IngestKeys.DefaultProjectKeyAsync(cluster.Urls, cluster.AdminToken, cancellationToken);
            var load = new LoadOptions
            {
                Urls = cluster.Urls, Sessions = options.Sessions, Speed = double.PositiveInfinity, Loop = true, AdminToken = cluster.AdminToken,
                IngestKey = key, Ramp = TimeSpan.FromMilliseconds(Math.Min(500, options.Warmup.TotalMilliseconds / 2)),
            };
            var pids = cluster.Nodes.Select(n => n.ProcessId).ToList();
            var firstPid = pids[0];

            var cpu = new CpuByRole(pids);
            Progress.Log($"{nodes} node(s) run {run}: back to back");
            result = result with { Ingest = await IngestPhase.RunAsync(load, plans, key, firstPid, options.Warmup, options.Measure, cancellationToken, cpu.Window) };
            result = result with { IngestCpu = cpu.Result };
            Progress.Log($"back to back: {ClusterTable.PhaseLine(result.Ingest, result.IngestCpu)}");
            if (options.Paced > TimeSpan.Zero)
            {
                var paced = load with { Speed = 1, Ramp = TimeSpan.FromSeconds(5) };
                cpu = new CpuByRole(pids);
                result = result with
                {
                    Paced = await IngestPhase.RunAsync(paced, plans, key, firstPid, options.Warmup + paced.Ramp, options.Paced, cancellationToken, cpu.Window),
                    PacedCpu = cpu.Result,
                };
                Progress.Log($"paced: {ClusterTable.PhaseLine(result.Paced, result.PacedCpu)}");
            }

            var verification = await StoredEventsVerifier.VerifyAsync(
                [.. result.Ingest.Sessions, .. result.Paced.Sessions], new NodeRouter(cluster.Urls), cluster.AdminToken, cancellationToken);
            Progress.Log(LoadReport.Verification(verification));
            result = result with { Verification = verification };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = result with { Failure = $"{exception.GetType().Name}: {exception.Message}" };
        }
        finally
        {
            if (cluster is not null)
            {
                var keepLogs = !result.Correct;
                result = result with
                {
                    NodeProblems = cluster.Problems().Count,
                    NodeLogs = keepLogs ? [.. cluster.Nodes.Select(n => n.LogPath)] : [],
                };
                await cluster.DisposeAsync(keepLogs);
            }
        }

        return result;
    }
}
