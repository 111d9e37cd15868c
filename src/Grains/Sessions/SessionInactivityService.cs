using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>
/// Ends sessions that went quiet. A deactivated grain has no timers, so the sweep starts from storage
/// and asks each session's grain to end itself, keeping every write to a session inside its grain.
/// </summary>
public sealed partial class SessionInactivityService(
    ISessionStore store,
    IGrainFactory grains,
    IOptions<SessionOptions> options,
    TimeProvider clock,
    ILogger<SessionInactivityService> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.InactivityScanInterval, clock);
        do
        {
            try
            {
                await EndInactiveSessionsAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> EndInactiveSessionsAsync(CancellationToken cancellationToken)
    {
        // One bounded batch per scan: a backlog drains over a few scans instead of one long stall.
        var cutoff = clock.GetUtcNow() - options.Value.InactivityTimeout;
        var ids = await store.FindInactiveSessionIdsAsync(cutoff, BatchSize, cancellationToken);
        foreach (var id in ids)
        {
            await grains.Get<ISessionGrain>(id).EndIfInactiveAsync(cutoff);
        }

        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending inactive sessions failed; retrying at the next scan")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
