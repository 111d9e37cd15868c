namespace SessionKit.Silo.Storage;

/// <summary>
/// Sessions tied to their device visitor and person. A link lives and dies with its session: links of a
/// session not stored are not kept, and deleting a session deletes its link.
/// </summary>
public interface ISessionLinkStore
{
    /// <summary>Writes each link, replacing the session's previous one; links of sessions not stored are skipped.</summary>
    Task SetLinksAsync(IReadOnlyList<SessionLink> links, CancellationToken cancellationToken);

    /// <summary>The person's sessions, ordered by session id.</summary>
    Task<IReadOnlyList<SessionLink>> ListLinksOfPersonAsync(string projectId, string userId, CancellationToken cancellationToken);

    /// <summary>The device visitor's sessions that have a link, ordered by session id.</summary>
    Task<IReadOnlyList<SessionLink>> ListLinksOfVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken);
}
