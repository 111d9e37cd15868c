namespace SessionKit.Silo.Storage;

/// <summary>
/// A frustration signal as stored. <paramref name="Index"/> numbers the session's signals from 0 in the order its
/// evaluator raised them; <paramref name="EvidenceJson"/> is the evidence object as JSON. <paramref name="At"/> is
/// the recording's time (Unix ms).
/// </summary>
public sealed record SignalRecord(
    string SessionId,
    int Index,
    string ProjectId,
    string Type,
    long At,
    string? Url,
    string? TargetSelector,
    string? TargetText,
    string EvidenceJson,
    string Explanation);

/// <summary>A session's frustration score (0-100), the signal types it has, and each page's score.</summary>
public sealed record SessionScoreRecord(
    string SessionId, string ProjectId, int Score, int SignalCount, IReadOnlyList<string> Types, IReadOnlyList<PageScoreRecord> Pages);

public sealed record PageScoreRecord(string Url, int Score);
