namespace SessionKit.Silo.Storage;

/// <summary>
/// An agent's note pinned to a moment of a session. <paramref name="At"/> is that moment in the
/// recording's own event timestamps (Unix ms), so it lines up with the replay timeline.
/// </summary>
public sealed record CommentRecord(
    string Id, string SessionId, string ProjectId, string Author, string Text, long At, DateTimeOffset CreatedAt);
