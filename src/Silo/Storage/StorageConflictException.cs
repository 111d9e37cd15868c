namespace SessionKit.Silo.Storage;

/// <summary>
/// A write was refused because what it would create is already stored (a batch ordinal, a chunk, a comment
/// id, an ingest key). For events it means another activation of the same grain got there first, which a
/// caller handles differently from a failing database.
/// </summary>
public class StorageConflictException(string message, Exception? innerException)
    : InvalidOperationException(message, innerException);
