namespace SessionKit.Silo.Storage;

/// <summary>
/// A project records sessions. Its ingest key is public (it ships in the page) and can only write.
/// An empty AllowedOrigins list allows every origin.
/// </summary>
public sealed record ProjectRecord(
    string Id, string Name, string IngestKey, IReadOnlyList<string> AllowedOrigins, DateTimeOffset CreatedAt)
{
    /// <summary>Whether a visitor must agree before an agent may watch their session live.</summary>
    public bool RequireLiveConsent { get; init; }

    /// <summary>Trait names that identify never stores (matched ignoring case).</summary>
    public IReadOnlyList<string> PrivateTraits { get; init; } = [];
}

/// <summary>A dashboard administrator; the password is kept only as a salted PBKDF2 hash.</summary>
public sealed record AdminRecord(string UserName, string PasswordHash, DateTimeOffset CreatedAt);
