namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// Projects, administrators, sessions and their events. Times are Unix milliseconds; lists are JSON
/// arrays. STRICT tables reject a value of the wrong type instead of quietly storing it.
/// </summary>
internal sealed class M0001InitialSchema : ISqliteMigration
{
    public int Version => 1;

    public string Sql => """
        CREATE TABLE projects (
            id              TEXT    NOT NULL PRIMARY KEY,
            name            TEXT    NOT NULL,
            ingest_key      TEXT    NOT NULL UNIQUE,
            allowed_origins TEXT    NOT NULL,
            created_at      INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE admins (
            user_name     TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
            password_hash TEXT    NOT NULL,
            created_at    INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE sessions (
            id               TEXT    NOT NULL PRIMARY KEY,
            project_id       TEXT    NOT NULL,
            visitor_id       TEXT,
            tab_id           TEXT,
            user_agent       TEXT,
            referrer         TEXT,
            screen_width     INTEGER,
            screen_height    INTEGER,
            first_url        TEXT,
            pages            TEXT    NOT NULL,
            started_at       INTEGER NOT NULL,
            last_activity_at INTEGER NOT NULL,
            ended_at         INTEGER,
            first_event_at   INTEGER,
            last_event_at    INTEGER,
            duration_ms      INTEGER NOT NULL,
            event_count      INTEGER NOT NULL,
            byte_size        INTEGER NOT NULL,
            batch_count      INTEGER NOT NULL,
            seq_floor        INTEGER NOT NULL,
            seqs_above_floor TEXT    NOT NULL,
            next_ordinal     INTEGER NOT NULL
        ) STRICT;

        CREATE INDEX sessions_by_project_newest ON sessions (project_id, started_at DESC, id DESC);

        CREATE INDEX sessions_open_by_last_activity ON sessions (last_activity_at) WHERE ended_at IS NULL;

        CREATE TABLE pending_batches (
            session_id  TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            ordinal     INTEGER NOT NULL,
            seq         INTEGER NOT NULL,
            event_count INTEGER NOT NULL,
            events_json BLOB    NOT NULL,
            PRIMARY KEY (session_id, ordinal)
        ) STRICT;

        CREATE TABLE event_chunks (
            session_id    TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            first_ordinal INTEGER NOT NULL,
            last_ordinal  INTEGER NOT NULL,
            event_count   INTEGER NOT NULL,
            raw_bytes     INTEGER NOT NULL,
            codec         TEXT    NOT NULL,
            data          BLOB    NOT NULL,
            PRIMARY KEY (session_id, first_ordinal)
        ) STRICT;
        """;
}
