namespace SessionKit.Api.Bench;

/// <summary>Hooks for the benchmarks in bench/ (docs/performance.md); all off, so a production server has none of them.</summary>
public sealed class BenchOptions
{
    public const string SectionName = "SessionKit:Bench";

    /// <summary>Maps <c>POST /api/v1/bench/noop/{sessionId}/events</c>, the ingest benchmark's no-op ceiling.</summary>
    public bool NoOpEndpoint { get; set; }
}
