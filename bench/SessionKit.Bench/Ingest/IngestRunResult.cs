using SessionKit.Bench.Load;

namespace SessionKit.Bench.Ingest;

/// <summary>One run of the ingest benchmark against a fresh server.</summary>
internal sealed record IngestRunResult
{
    public required int Sessions { get; init; }

    public required int Run { get; init; }

    public bool Disturbed { get; init; }

    /// <summary>Back to back against the no-op endpoint: the ceiling.</summary>
    public PhaseResult NoOp { get; init; } = PhaseResult.Empty;

    /// <summary>Back to back against ingest.</summary>
    public PhaseResult Ingest { get; init; } = PhaseResult.Empty;

    /// <summary>At the recordings' pace, as the SDKs would send (empty when skipped).</summary>
    public PhaseResult Paced { get; init; } = PhaseResult.Empty;

    public VerificationResult? Verification { get; init; }

    public string? Failure { get; init; }

    public IReadOnlyList<string> ServerProblems { get; init; } = [];

    public string? ServerLog { get; init; }

    /// <summary>Ingest's throughput as a share of the no-op ceiling's, in events/s.</summary>
    public double Ratio => Ingest.EventsPerSecond / NoOp.EventsPerSecond;

    public bool Correct => Failure is null && Verification?.Passed == true && Ingest.Fatal is null && Paced.Fatal is null && NoOp.Fatal is null
        && Ingest.GaveUp == 0 && Paced.GaveUp == 0;
}
