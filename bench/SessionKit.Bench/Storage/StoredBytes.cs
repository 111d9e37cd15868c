using Microsoft.Data.Sqlite;

namespace SessionKit.Bench.Storage;

/// <summary>What the server stored for one session, read from its SQLite file after it stopped.</summary>
internal sealed record StoredSession(
    int Chunks, long ChunkBytes, long ChunkRawBytes, string Codecs, int PendingBatches, long PendingBytes, int Blobs, long BlobBytes)
{
    /// <summary>Event payload on disk: compressed chunks, the large strings they refer to, and batches not compacted yet (0 after a graceful stop).</summary>
    public long Bytes => ChunkBytes + BlobBytes + PendingBytes;
}

/// <summary>Reads event_chunks, session_blobs and pending_batches (src/Silo/Storage/Sqlite) and the database's file sizes.</summary>
internal static class StoredBytes
{
    public const string DatabaseFile = "sessionkit.db";

    public static StoredSession Of(string dataDirectory, string sessionId)
    {
        using var connection = Open(dataDirectory);
        using var chunks = connection.CreateCommand();
        chunks.CommandText = """
            SELECT count(*), coalesce(sum(length(data)), 0), coalesce(sum(raw_bytes), 0), coalesce(group_concat(DISTINCT codec), '')
            FROM event_chunks WHERE session_id = $id
            """;
        chunks.Parameters.AddWithValue("$id", sessionId);
        using var c = chunks.ExecuteReader();
        c.Read();
        using var pending = connection.CreateCommand();
        pending.CommandText = "SELECT count(*), coalesce(sum(length(data)), 0) FROM pending_batches WHERE session_id = $id";
        pending.Parameters.AddWithValue("$id", sessionId);
        using var p = pending.ExecuteReader();
        p.Read();
        using var blobs = connection.CreateCommand();
        blobs.CommandText = "SELECT count(*), coalesce(sum(length(data)), 0) FROM session_blobs WHERE session_id = $id";
        blobs.Parameters.AddWithValue("$id", sessionId);
        using var b = blobs.ExecuteReader();
        b.Read();
        return new StoredSession(c.GetInt32(0), c.GetInt64(1), c.GetInt64(2), c.GetString(3), p.GetInt32(0), p.GetInt64(1), b.GetInt32(0), b.GetInt64(1));
    }

    /// <summary>The database and its WAL and shared-memory files, as they are on disk.</summary>
    public static long FileBytes(string dataDirectory) =>
        new[] { "", "-wal", "-shm" }.Select(suffix => new FileInfo(Path.Combine(dataDirectory, DatabaseFile + suffix)))
            .Where(file => file.Exists).Sum(file => file.Length);

    /// <summary>Pages of the database that hold nothing (deleted rows' space, reused by later writes; only VACUUM gives it back).</summary>
    public static long FreeBytes(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT freelist_count FROM pragma_freelist_count) * (SELECT page_size FROM pragma_page_size)";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, DatabaseFile),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
