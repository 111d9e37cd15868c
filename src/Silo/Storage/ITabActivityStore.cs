namespace SessionKit.Silo.Storage;

/// <summary>
/// What tabs announced (opened, focused, hidden, closed). Each entry lives and dies with its session.
/// </summary>
public interface ITabActivityStore
{
    /// <summary>Stores the entries; one stored already (same session, moment and kind) is kept once, and entries of sessions not stored are skipped.</summary>
    Task AddAsync(IReadOnlyList<TabActivity> activity, CancellationToken cancellationToken);

    /// <summary>Every entry of the visitor's sessions, by moment, then session id.</summary>
    Task<IReadOnlyList<TabActivity>> ListOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken);
}
