namespace SessionKit.Silo.Storage;

/// <summary>
/// A device visitor (the SDK's visitor id) tied to a person from <paramref name="EffectiveFromMs"/> on: the
/// client time of the identify event, made in session <paramref name="SessionId"/>. A device identified as
/// several persons over time (a shared computer) has one alias per change.
/// </summary>
public sealed record VisitorAlias(string ProjectId, string VisitorId, string UserId, long EffectiveFromMs, string SessionId);

/// <summary>
/// A person (the user id a site passes to identify) and the traits it last reported, values as text.
/// Private traits (the project's <see cref="ProjectRecord.PrivateTraits"/>) never get here.
/// </summary>
public sealed record PersonRecord(
    string ProjectId, string UserId, IReadOnlyDictionary<string, string> Traits, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

/// <summary>Which device visitor a session was recorded on and which person, if any, it belongs to.</summary>
public sealed record SessionLink(string SessionId, string ProjectId, string VisitorId, string? UserId);

/// <summary>
/// What a tab announced at a moment (client Unix ms): <see cref="TabActivityKinds"/>. The front tab of a
/// journey at each moment is read from these.
/// </summary>
public sealed record TabActivity(string SessionId, string ProjectId, string VisitorId, string TabId, long AtMs, string Kind);

/// <summary>The kinds of <see cref="TabActivity"/> the SDK announces.</summary>
public static class TabActivityKinds
{
    public const string Opened = "opened";
    public const string Focused = "focused";
    public const string Hidden = "hidden";
    public const string Closed = "closed";

    public static bool IsKnown(string kind) => kind is Opened or Focused or Hidden or Closed;
}
