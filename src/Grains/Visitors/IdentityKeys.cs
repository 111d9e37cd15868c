namespace SessionKit.Grains.Visitors;

/// <summary>
/// Grain keys of identities. Ids are only unique within a project (user id "42" of two sites are two persons),
/// so the key carries the project; project ids never contain '/', so the first one separates them.
/// </summary>
public static class IdentityKeys
{
    /// <summary>
    /// The device visitor a session was recorded on. Without a visitor id (the SDK's storage-less mode) the session
    /// is a device of its own: identify still links it to the person, but no other session shares its device.
    /// </summary>
    public static string VisitorIdOf(string sessionId, string? visitorId) => visitorId ?? $"~{sessionId}";

    public static string Visitor(string projectId, string visitorId) => $"{projectId}/{visitorId}";

    public static string Person(string projectId, string userId) => $"{projectId}/{userId}";

    /// <summary>The project and the id within it.</summary>
    public static (string ProjectId, string Id) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"'{key}' is not an identity key.", nameof(key));
    }
}
