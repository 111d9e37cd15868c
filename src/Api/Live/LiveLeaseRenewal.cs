using Microsoft.Extensions.Options;
using SessionKit.Grains.Live;

namespace SessionKit.Api.Live;

/// <summary>Keeps this node's viewer leases alive; if the node dies, they lapse and its viewers stop counting.</summary>
internal sealed class LiveLeaseRenewal(LiveBridge bridge, IOptions<LiveOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewerLeaseRenewInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            bridge.RenewLeases();
        }
    }
}
