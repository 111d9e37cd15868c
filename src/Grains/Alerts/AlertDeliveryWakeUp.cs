using System.Threading.Channels;

namespace SessionKit.Grains.Alerts;

/// <summary>
/// Tells this node's webhook dispatcher that deliveries were just queued, so it claims them now rather than at its
/// next poll. Only a nudge: the deliveries themselves are in storage (<see cref="SessionKit.Silo.Storage.IAlertDeliveryQueue"/>),
/// and any number of nudges before the dispatcher looks count as one.
/// </summary>
public sealed class AlertDeliveryWakeUp
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _nudges.Writer.TryWrite(true);

    /// <summary>
    /// Completes at the next nudge (or at once if one came since the last wait), true, or after <paramref name="timeout"/>
    /// without one, false.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_nudges.Reader.TryRead(out _))
        {
            return true;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _nudges.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a nudge.
            return false;
        }
    }
}
