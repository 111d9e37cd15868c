namespace SessionKit.Bench.Cluster;

/// <summary>The runs of one cluster size, summarized by their medians.</summary>
internal sealed record ClusterSummary(int Nodes, IReadOnlyList<ClusterRunResult> Runs)
{
    public IReadOnlyList<ClusterRunResult> Measured => [.. Runs.Where(r => r.Failure is null)];

    public bool Correct => Runs.Count > 0 && Runs.All(r => r.Correct);

    public double Median(Func<ClusterRunResult, double> figure) => Measurement.Median.Of(Measured, figure);

    public string RunsLabel => Runs.Count == 1 ? "1 run" : $"median of {Runs.Count} runs";
}
