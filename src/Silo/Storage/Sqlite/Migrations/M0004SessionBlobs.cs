namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>The large strings of a session's chunks, each stored once per session by its SHA-256 (see LargeStrings).</summary>
internal sealed class M0004SessionBlobs : ISqliteMigration
{
    public int Version => 4;

    public string Sql => """
        CREATE TABLE session_blobs (
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            hash       TEXT NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (session_id, hash)
        ) STRICT;
        """;
}
