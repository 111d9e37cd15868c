namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// Agents' comments on sessions, the visitor's answer to being watched live (null until answered) and the
/// project setting that asks for it. Existing rows keep their data: no answer yet, consent not required.
/// </summary>
internal sealed class M0002CommentsAndLiveConsent : ISqliteMigration
{
    public int Version => 2;

    public string Sql => """
        ALTER TABLE sessions ADD COLUMN live_consent INTEGER CHECK (live_consent IN (0, 1));

        ALTER TABLE projects ADD COLUMN require_live_consent INTEGER NOT NULL DEFAULT 0
            CHECK (require_live_consent IN (0, 1));

        CREATE TABLE comments (
            id         TEXT    NOT NULL PRIMARY KEY,
            session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            project_id TEXT    NOT NULL,
            author     TEXT    NOT NULL,
            text       TEXT    NOT NULL,
            at_ms      INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;

        CREATE INDEX comments_by_session_moment ON comments (session_id, at_ms);
        """;
}
