namespace SessionKit.Grains.Visitors;

/// <summary>
/// What a session's batch told about its device visitor: the session's first event time (to place it among
/// the device's aliases), and the identify and tab announcements it carried, each at its client time.
/// Records, because in a cluster they cross between nodes as JSON.
/// </summary>
public sealed record SessionActivity(
    string SessionId,
    string ProjectId,
    string? TabId,
    long? SessionStartedMs,
    IReadOnlyList<Identified> Identifies,
    IReadOnlyList<TabAnnounced> Tabs);

/// <summary>An identify: the person's user id and the traits passed with it (values as text).</summary>
public sealed record Identified(string UserId, IReadOnlyDictionary<string, string> Traits, long AtMs);

/// <summary>A tab's announcement (see <see cref="SessionKit.Silo.Storage.TabActivityKinds"/>).</summary>
public sealed record TabAnnounced(string TabId, string Kind, long AtMs);

/// <summary>A device visitor identified as the person, with the traits of that identify.</summary>
public sealed record PersonSeen(string VisitorId, IReadOnlyDictionary<string, string> Traits, long AtMs);
