using SessionKit.Bench.Hosting;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Ingest;

/// <summary>
/// One run: a fresh server with the no-op endpoint; the same back-to-back load against the no-op
/// endpoint, then against ingest; then the SDK's pace; then the check of everything ingest acknowledged.
/// Both paces send the same batches: the SDK's, cut at the recordings' own pace.
/// </summary>
internal sealed class IngestScenario(IngestBenchOptions options, IReadOnlyList<BatchPlan> plans, string serverAssembly)
{
    public const string NoOpPath = "/api/v1/bench/noop/{id}/events";

    public async Task<IngestRunResult> RunAsync(int sessions, int run, CancellationToken cancellationToken)
    {
        var result = new IngestRunResult { Sessions = sessions, Run = run };
        var environment = new Dictionary<string, string>(options.ServerEnvironment) { ["SessionKit__Bench__NoOpEndpoint"] = "true" };
        ServerHost? server = null;
        try
        {
            server = await ServerHost.StartAsync(serverAssembly, environment, cancellationToken);
            var key = await IngestKeys.DefaultProjectKeyAsync(server.BaseAddress, server.AdminToken, cancellationToken);
            var load = new LoadOptions
            {
                Urls = [server.BaseAddress], Sessions = sessions, Speed = double.PositiveInfinity, Loop = true, AdminToken = server.AdminToken,
                IngestKey = key, Ramp = TimeSpan.FromMilliseconds(Math.Min(500, options.Warmup.TotalMilliseconds / 2)),
            };
            Progress.Log($"N={sessions} run {run}: server pid {server.ProcessId}; no-op endpoint, back to back");
            result = result with
            {
                NoOp = await IngestPhase.RunAsync(load with { EventsPath = NoOpPath, StartSessions = false }, plans, key, server.ProcessId, options.Warmup, options.Measure, cancellationToken),
            };
            Log("no-op", result.NoOp);
            result = result with { Ingest = await IngestPhase.RunAsync(load, plans, key, server.ProcessId, options.Warmup, options.Measure, cancellationToken) };
            Log("ingest", result.Ingest);
            if (options.Paced > TimeSpan.Zero)
            {
                var paced = load with { Speed = 1, Ramp = options.PacedRamp };
                result = result with { Paced = await IngestPhase.RunAsync(paced, plans, key, server.ProcessId, options.Warmup + paced.Ramp, options.Paced, cancellationToken) };
                Log("paced", result.Paced);
            }

            var verification = await StoredEventsVerifier.VerifyAsync(
                [.. result.Ingest.Sessions, .. result.Paced.Sessions], new NodeRouter([server.BaseAddress]), server.AdminToken, cancellationToken);
            Progress.Log(LoadReport.Verification(verification));
            result = result with { Verification = verification };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = result with { Failure = $"{exception.GetType().Name}: {exception.Message}" };
        }
        finally
        {
            if (server is not null)
            {
                var problems = server.HasExited ? ["the server exited during the run"] : server.Problems();
                var keepLog = problems.Count > 0 || !result.Correct;
                result = result with { ServerProblems = problems, ServerLog = keepLog ? server.LogPath : null };
                await server.DisposeAsync(keepLog);
            }
        }

        return result;
    }

    private static void Log(string phase, PhaseResult result) =>
        Progress.Log($"{phase}: {IngestTable.PhaseLine(result)}");
}
