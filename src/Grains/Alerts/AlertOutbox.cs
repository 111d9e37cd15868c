using System.Threading.Channels;

namespace SessionKit.Grains.Alerts;

/// <summary>
/// Alerts waiting for delivery, handed from session grains to the webhook dispatcher. Bounded and never waited on:
/// a grain drops an alert (and logs it) rather than let a slow receiver hold up ingest.
/// </summary>
public sealed class AlertOutbox
{
    private const int Capacity = 10_000;

    private readonly Channel<AlertNotice> _notices = Channel.CreateBounded<AlertNotice>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<AlertNotice> Reader => _notices.Reader;

    public bool TryEnqueue(AlertNotice notice) => _notices.Writer.TryWrite(notice);
}
