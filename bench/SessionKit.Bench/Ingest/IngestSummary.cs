using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Ingest;

/// <summary>The runs of one configuration (N sessions), summarized by their medians.</summary>
internal sealed record IngestSummary(int Sessions, IReadOnlyList<IngestRunResult> Runs, IReadOnlyList<IngestRunResult> Discarded)
{
    public IReadOnlyList<IngestRunResult> Measured => [.. Runs.Where(r => r.Failure is null)];

    public IEnumerable<IngestRunResult> All => Runs.Concat(Discarded).OrderBy(r => r.Run).ThenBy(r => r.Disturbed ? 0 : 1);

    public bool Correct => Runs.Count > 0 && All.All(r => r.Correct);

    public double Median(Func<IngestRunResult, double> figure) => Measurement.Median.Of(Measured, figure);

    public long Total(Func<IngestRunResult, long> figure) => All.Sum(figure);

    public string RunsLabel => (Runs.Count == 1 ? "1 run" : $"median of {Runs.Count} runs")
        + (Runs.Any(r => r.Disturbed) ? ", disturbed by other processes" : string.Empty);
}
