using SessionKit.Bench.Ingest;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Cluster;

/// <summary>One run of the cluster benchmark against a fresh cluster of <see cref="Nodes"/> nodes.</summary>
internal sealed record ClusterRunResult
{
    public required int Nodes { get; init; }

    public required int Run { get; init; }

    /// <summary>Back to back, spread over every node.</summary>
    public PhaseResult Ingest { get; init; } = PhaseResult.Empty;

    public CpuShares IngestCpu { get; init; } = CpuShares.Empty;

    /// <summary>At the recordings' pace (empty when skipped).</summary>
    public PhaseResult Paced { get; init; } = PhaseResult.Empty;

    public CpuShares PacedCpu { get; init; } = CpuShares.Empty;

    public VerificationResult? Verification { get; init; }

    public string? Failure { get; init; }

    /// <summary>Warnings and errors the nodes logged (hand-overs while the cluster formed are expected).</summary>
    public int NodeProblems { get; init; }

    public IReadOnlyList<string> NodeLogs { get; init; } = [];

    public bool Correct => Failure is null && Verification?.Passed == true && Ingest.Fatal is null && Paced.Fatal is null
        && Ingest.GaveUp == 0 && Paced.GaveUp == 0;
}
