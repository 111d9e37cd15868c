namespace SessionKit.Bench.Measurement;

/// <summary>The wall clock both sides of a latency are read from (one machine, one clock).</summary>
internal static class UnixTime
{
    /// <summary>Unix milliseconds as an integer, as the SDK stamps events (<c>Date.now()</c>).</summary>
    public static long NowMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Unix milliseconds with sub-millisecond precision, for arrival times.</summary>
    public static double NowPrecise() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond;
}

/// <summary>
/// A measurement window in event timestamps: events stamped inside it are measured. Both boundaries
/// are published ahead of the clock, so no event is stamped at a boundary before that boundary is
/// visible: the page counting what it recorded and the viewer counting what it received always agree
/// on which events are inside.
/// </summary>
internal sealed class MeasureWindow
{
    private const int LeadMilliseconds = 100;

    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public long Start => Volatile.Read(ref _start);

    public long End => Volatile.Read(ref _end);

    public TimeSpan Length => TimeSpan.FromMilliseconds(End - Start);

    /// <summary>Opens the window shortly ahead of now for <paramref name="length"/>; completes when it has opened.</summary>
    public Task OpenAsync(TimeSpan length, CancellationToken cancellationToken)
    {
        var start = UnixTime.NowMilliseconds() + LeadMilliseconds;
        Volatile.Write(ref _end, start + (long)length.TotalMilliseconds);
        Volatile.Write(ref _start, start);
        return WaitForAsync(start, cancellationToken);
    }

    /// <summary>Completes when the window has closed.</summary>
    public Task ClosedAsync(CancellationToken cancellationToken) => WaitForAsync(End, cancellationToken);

    public bool Contains(long unixMilliseconds) => unixMilliseconds >= Start && unixMilliseconds < End;

    private static async Task WaitForAsync(long unixMilliseconds, CancellationToken cancellationToken)
    {
        var remaining = unixMilliseconds - UnixTime.NowMilliseconds();
        if (remaining > 20)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(remaining - 20), cancellationToken);
        }

        while (UnixTime.NowMilliseconds() < unixMilliseconds)
        {
            await Task.Delay(1, cancellationToken);
        }
    }
}
