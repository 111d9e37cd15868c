namespace SessionKit.Silo.Storage;

/// <summary>The frustration signals and scores of sessions. Signals live and die with their session.</summary>
public interface ISignalStore
{
    /// <summary>
    /// Atomically adds the signals (a signal whose session and index are stored already is kept as it is, so
    /// an evaluation repeated after a restart stores nothing twice) and writes the session's score.
    /// </summary>
    Task SaveSignalsAsync(IReadOnlyList<SignalRecord> signals, SessionScoreRecord score, CancellationToken cancellationToken);

    /// <summary>The session's signals by index.</summary>
    Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The session's score; null while it has no signal.</summary>
    Task<SessionScoreRecord?> GetScoreAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The scores of those of the sessions that have signals (for a list page).</summary>
    Task<IReadOnlyList<SessionScoreRecord>> GetScoresAsync(IReadOnlyList<string> sessionIds, CancellationToken cancellationToken);
}
