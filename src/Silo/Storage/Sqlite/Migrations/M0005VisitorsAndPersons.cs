namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// Device visitors and persons: which person each visitor was identified as from which moment, persons'
/// traits (one row per trait, so lists filter by trait through an index), each session's link to its
/// visitor and person, what tabs announced, and the ids of erased sessions. A trigger keeps an erased
/// session erased: inserting its row again is skipped, so the stores' usual checks refuse the write.
/// </summary>
internal sealed class M0005VisitorsAndPersons : ISqliteMigration
{
    public int Version => 5;

    public string Sql => """
        ALTER TABLE projects ADD COLUMN private_traits TEXT NOT NULL DEFAULT '[]';

        CREATE INDEX sessions_by_visitor ON sessions (project_id, visitor_id) WHERE visitor_id IS NOT NULL;

        CREATE TABLE visitor_aliases (
            project_id        TEXT    NOT NULL,
            visitor_id        TEXT    NOT NULL,
            effective_from_ms INTEGER NOT NULL,
            user_id           TEXT    NOT NULL,
            session_id        TEXT    NOT NULL,
            PRIMARY KEY (project_id, visitor_id, effective_from_ms, user_id)
        ) STRICT;

        CREATE INDEX visitor_aliases_by_person ON visitor_aliases (project_id, user_id);

        CREATE TABLE persons (
            project_id    TEXT    NOT NULL,
            user_id       TEXT    NOT NULL,
            first_seen_at INTEGER NOT NULL,
            last_seen_at  INTEGER NOT NULL,
            PRIMARY KEY (project_id, user_id)
        ) STRICT;

        CREATE TABLE person_traits (
            project_id TEXT NOT NULL,
            user_id    TEXT NOT NULL,
            name       TEXT NOT NULL,
            value      TEXT NOT NULL,
            PRIMARY KEY (project_id, user_id, name),
            FOREIGN KEY (project_id, user_id) REFERENCES persons (project_id, user_id) ON DELETE CASCADE
        ) STRICT;

        CREATE INDEX person_traits_by_value ON person_traits (project_id, name, value);

        CREATE TABLE session_links (
            session_id TEXT NOT NULL PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            visitor_id TEXT NOT NULL,
            user_id    TEXT
        ) STRICT;

        CREATE INDEX session_links_by_person ON session_links (project_id, user_id) WHERE user_id IS NOT NULL;

        CREATE INDEX session_links_by_visitor ON session_links (project_id, visitor_id);

        CREATE TABLE tab_activity (
            session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            project_id TEXT    NOT NULL,
            visitor_id TEXT    NOT NULL,
            tab_id     TEXT    NOT NULL,
            at_ms      INTEGER NOT NULL,
            kind       TEXT    NOT NULL,
            PRIMARY KEY (session_id, at_ms, kind)
        ) STRICT;

        CREATE INDEX tab_activity_by_visitor ON tab_activity (project_id, visitor_id, at_ms);

        CREATE TABLE erased_sessions (
            session_id TEXT    NOT NULL PRIMARY KEY,
            erased_at  INTEGER NOT NULL
        ) STRICT;

        CREATE TRIGGER sessions_stay_erased BEFORE INSERT ON sessions
        WHEN EXISTS (SELECT 1 FROM erased_sessions WHERE session_id = NEW.id)
        BEGIN
            SELECT RAISE(IGNORE);
        END;
        """;
}
