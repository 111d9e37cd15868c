using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Hosting;

/// <summary>
/// Runs the idle scan while the host runs, and on shutdown deactivates every activation so each
/// grain persists its state: a graceful stop loses nothing.
/// </summary>
internal sealed class GrainRuntimeHostedService(GrainDirectory directory, IOptions<GrainRuntimeOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IdleScanInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                directory.RequestIdleChecks();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync takes it from here.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await directory.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
    }
}
