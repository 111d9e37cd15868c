namespace SessionKit.Bench.Measurement;

/// <summary>Percentiles (nearest rank) of a set of latencies in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencySummary Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>One event's latency, with the event's timestamp (Unix ms) to place it in time.</summary>
internal readonly record struct LatencySample(long Timestamp, double Milliseconds);

/// <summary>Latency second by second through the measure window: where a tail comes from.</summary>
internal sealed record LatencySeries(IReadOnlyList<LatencySummary> Seconds)
{
    public static LatencySeries Empty { get; } = new([]);

    public static LatencySeries Of(IEnumerable<LatencySample> samples, long windowStart) =>
        new([.. samples.GroupBy(s => (s.Timestamp - windowStart) / 1000).OrderBy(g => g.Key).Select(g => LatencySummary.Of(g.Select(s => s.Milliseconds)))]);
}

/// <summary>Latencies recorded from many threads.</summary>
internal sealed class LatencyLog
{
    private readonly Lock _gate = new();
    private readonly List<double> _values = new(capacity: 1 << 16);

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _values.Add(milliseconds);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_gate)
        {
            return LatencySummary.Of(_values);
        }
    }
}
