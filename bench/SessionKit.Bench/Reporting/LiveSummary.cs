using SessionKit.Bench.Live;

namespace SessionKit.Bench.Reporting;

/// <summary>The runs of one configuration (N sessions), summarized by their medians.</summary>
internal sealed record LiveSummary(int Sessions, IReadOnlyList<LiveRunResult> Runs, IReadOnlyList<LiveRunResult> Discarded)
{
    /// <summary>Runs that were measured (did not fail during setup or the run).</summary>
    public IReadOnlyList<LiveRunResult> Measured => [.. Runs.Where(r => r.Failure is null)];

    /// <summary>Every attempt, the discarded (disturbed) ones included, in order.</summary>
    public IEnumerable<LiveRunResult> All => Runs.Concat(Discarded).OrderBy(r => r.Run).ThenBy(r => r.Disturbed ? 0 : 1);

    public bool Correct => All.All(r => r.Correct);

    public double Median(Func<LiveRunResult, double> metric)
    {
        var values = Measured.Select(metric).Where(v => !double.IsNaN(v)).Order().ToArray();
        return values.Length == 0 ? double.NaN
            : values.Length % 2 == 1 ? values[values.Length / 2]
            : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }

    public long Total(Func<LiveRunResult, long> metric) => All.Sum(metric);

    public string RunsLabel => (Runs.Count == 1 ? "1 run" : $"median of {Runs.Count} runs")
        + (Runs.Any(r => r.Disturbed) ? ", disturbed by other processes" : string.Empty);
}
