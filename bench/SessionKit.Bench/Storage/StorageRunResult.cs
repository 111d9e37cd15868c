using SessionKit.Bench.Load;

namespace SessionKit.Bench.Storage;

/// <summary>One recording stored by the server in one run, next to its baselines.</summary>
internal sealed record StoredRecording(Recording Recording, StorageBaseline Baseline, StoredSession Stored)
{
    public double Minutes => Recording.Span.TotalMinutes;

    public double StoredShare => (double)Stored.Bytes / Baseline.RawBytes;

    public double GzipShare => (double)Baseline.GzipBytes / Baseline.RawBytes;
}

/// <summary>One run: every recording ingested as one session, the server stopped gracefully, its file read.</summary>
internal sealed record StorageRunResult
{
    public required int Run { get; init; }

    public IReadOnlyList<StoredRecording> Recordings { get; init; } = [];

    /// <summary>Growth of the database files over an empty database: chunks plus rows, indexes and page slack.</summary>
    public long FileGrowth { get; init; }

    /// <summary>Of the database file, pages on SQLite's free list: the uncompacted batches' space, waiting to be reused.</summary>
    public long FreeBytes { get; init; }

    public bool StoppedCleanly { get; init; }

    public VerificationResult? Verification { get; init; }

    public string? Failure { get; init; }

    public IReadOnlyList<string> ServerProblems { get; init; } = [];

    public long StoredBytes => Recordings.Sum(r => r.Stored.Bytes);

    public long RawBytes => Recordings.Sum(r => r.Baseline.RawBytes);

    public bool Correct => Failure is null && StoppedCleanly && Verification?.Passed == true && Recordings.All(r => r.Stored.PendingBatches == 0);
}
