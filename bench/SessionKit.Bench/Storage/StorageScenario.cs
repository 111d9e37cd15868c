using SessionKit.Bench.Hosting;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Storage;

/// <summary>
/// One run: a fresh server; each recording ingested as one session with the SDK's batches, back to back;
/// a graceful stop, during which every session compacts what it holds; then the stored bytes.
/// </summary>
internal sealed class StorageScenario(IReadOnlyList<BatchPlan> plans, IReadOnlyList<StorageBaseline> baselines, string serverAssembly, long emptyDatabaseBytes)
{
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The database files of a server that has started and stopped without any session.</summary>
    public static async Task<long> EmptyDatabaseBytesAsync(string serverAssembly, CancellationToken cancellationToken)
    {
        var server = await ServerHost.StartAsync(serverAssembly, new Dictionary<string, string>(), cancellationToken);
        await server.StopGracefullyAsync(StopTimeout);
        var bytes = StoredBytes.FileBytes(server.DataDirectory);
        await server.DisposeAsync();
        return bytes;
    }

    public async Task<StorageRunResult> RunAsync(int run, CancellationToken cancellationToken)
    {
        var result = new StorageRunResult { Run = run };
        ServerHost? server = null;
        try
        {
            server = await ServerHost.StartAsync(serverAssembly, new Dictionary<string, string>(), cancellationToken);
            var load = new LoadOptions
            {
                Urls = [server.BaseAddress], Sessions = plans.Count, Speed = double.PositiveInfinity, Ramp = TimeSpan.Zero,
                AdminToken = server.AdminToken, ShowProgress = false,
            };
            var key = await IngestKeys.DefaultProjectKeyAsync(server.BaseAddress, server.AdminToken, cancellationToken);
            var sent = await new LoadRunner(load, plans, key).RunAsync(cancellationToken);
            var verification = await StoredEventsVerifier.VerifyAsync(sent.Sessions, new NodeRouter(load.Urls), server.AdminToken, cancellationToken);
            var problems = server.Problems();
            var clean = await server.StopGracefullyAsync(StopTimeout);
            var fileBytes = StoredBytes.FileBytes(server.DataDirectory);
            var stored = sent.Sessions
                .Select(s => new StoredRecording(s.Plan.Recording, baselines[plans.ToList().IndexOf(s.Plan)], StoredBytes.Of(server.DataDirectory, s.Id)))
                .OrderBy(r => r.Recording.Name, StringComparer.Ordinal)
                .ToList();
            result = result with
            {
                Recordings = stored, FileGrowth = fileBytes - emptyDatabaseBytes, FreeBytes = StoredBytes.FreeBytes(server.DataDirectory), StoppedCleanly = clean, Verification = verification,
                ServerProblems = problems,
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = result with { Failure = $"{exception.GetType().Name}: {exception.Message}" };
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync(keepLog: !result.Correct);
            }
        }

        return result;
    }
}
