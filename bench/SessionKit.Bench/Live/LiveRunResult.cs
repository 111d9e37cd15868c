using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Live;

/// <summary>One run of the live scenario against a fresh server.</summary>
internal sealed record LiveRunResult
{
    public required int Sessions { get; init; }

    public required int Run { get; init; }

    /// <summary>Other processes used more CPU than allowed during the measure window: not counted in the medians.</summary>
    public bool Disturbed { get; init; }

    /// <summary>Event timestamp (SDK) to arrival at the viewer, ms.</summary>
    public LatencySummary Live { get; init; } = LatencySummary.Empty;

    /// <summary>The live latency of each second of the measure window.</summary>
    public LatencySeries LiveBySecond { get; init; } = LatencySeries.Empty;

    /// <summary>POST of a batch to its 202 answer, ms.</summary>
    public LatencySummary Acks { get; init; } = LatencySummary.Empty;

    /// <summary>The floor: a hub invocation's round trip at the same concurrency and rate, ms.</summary>
    public LatencySummary Echo { get; init; } = LatencySummary.Empty;

    public TimeSpan MeasureDuration { get; init; }

    /// <summary>Events stamped inside the measure window by the simulated SDKs.</summary>
    public long Recorded { get; init; }

    /// <summary>Of those, the ones viewers received.</summary>
    public long Received { get; init; }

    public long Lost => Recorded - Received;

    public double EventsPerSecond => Received / MeasureDuration.TotalSeconds;

    /// <summary>Batches the server acknowledged per second; fewer than the schedule's when the SDKs had to coalesce.</summary>
    public double BatchesPerSecond => Acks.Count / MeasureDuration.TotalSeconds;

    public long Gaps { get; init; }

    public long Duplicates { get; init; }

    public long Errors { get; init; }

    public string ErrorKinds { get; init; } = string.Empty;

    public long NotLive { get; init; }

    public long DeferredTicks { get; init; }

    public long LateFires { get; init; }

    public long EchoesSkipped { get; init; }

    public int CatchUpsWithoutSnapshot { get; init; }

    public ResourceUsage LiveResources { get; init; } = ResourceUsage.Empty;

    public ResourceUsage EchoResources { get; init; } = ResourceUsage.Empty;

    /// <summary>Creating the sessions, sending their snapshots.</summary>
    public TimeSpan SessionSetup { get; init; }

    /// <summary>Connecting every viewer and its WatchSession, catch-up included.</summary>
    public TimeSpan ViewerSetup { get; init; }

    /// <summary>Why the run could not be measured (null when it was).</summary>
    public string? Failure { get; init; }

    public IReadOnlyList<string> ServerProblems { get; init; } = [];

    public string? ServerLog { get; init; }

    public double Ratio => Live.P50 / Echo.P50;

    /// <summary>Everything sent arrived once, in order, live, without errors.</summary>
    public bool Correct =>
        Failure is null && Received > 0 && Lost == 0 && Gaps == 0 && Duplicates == 0 && Errors == 0 && NotLive == 0
        && CatchUpsWithoutSnapshot == 0;
}
