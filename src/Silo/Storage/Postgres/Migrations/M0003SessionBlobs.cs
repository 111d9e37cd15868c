namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>The large strings of a session's chunks, each stored once per session by its SHA-256 (see LargeStrings).</summary>
internal sealed class M0003SessionBlobs : IPostgresMigration
{
    public int Version => 3;

    // Already Brotli-compressed: PostgreSQL's own compression would only cost CPU.
    public string Sql => """
        CREATE TABLE session_blobs (
            session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            hash       text COLLATE "C" NOT NULL,
            data       bytea NOT NULL,
            PRIMARY KEY (session_id, hash)
        );
        ALTER TABLE session_blobs ALTER COLUMN data SET STORAGE EXTERNAL;
        """;
}
