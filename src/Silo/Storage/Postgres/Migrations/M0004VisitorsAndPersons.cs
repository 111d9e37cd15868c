namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>
/// The same as SQLite's M0005: device visitors' aliases to persons, persons and their traits, session links,
/// tab activity and erased session ids. The trigger skips inserting an erased session's row again, so the
/// conditional upsert finds nothing written and refuses the write as a conflict.
/// </summary>
internal sealed class M0004VisitorsAndPersons : IPostgresMigration
{
    public int Version => 4;

    public string Sql => """
        ALTER TABLE projects ADD COLUMN private_traits text[] NOT NULL DEFAULT '{}';

        CREATE INDEX sessions_by_visitor ON sessions (project_id, visitor_id) WHERE visitor_id IS NOT NULL;

        CREATE TABLE visitor_aliases (
            project_id        text COLLATE "C" NOT NULL,
            visitor_id        text COLLATE "C" NOT NULL,
            effective_from_ms bigint NOT NULL,
            user_id           text COLLATE "C" NOT NULL,
            session_id        text COLLATE "C" NOT NULL,
            PRIMARY KEY (project_id, visitor_id, effective_from_ms, user_id)
        );

        CREATE INDEX visitor_aliases_by_person ON visitor_aliases (project_id, user_id);

        CREATE TABLE persons (
            project_id    text COLLATE "C" NOT NULL,
            user_id       text COLLATE "C" NOT NULL,
            first_seen_at timestamptz NOT NULL,
            last_seen_at  timestamptz NOT NULL,
            PRIMARY KEY (project_id, user_id)
        );

        CREATE TABLE person_traits (
            project_id text COLLATE "C" NOT NULL,
            user_id    text COLLATE "C" NOT NULL,
            name       text COLLATE "C" NOT NULL,
            value      text NOT NULL,
            PRIMARY KEY (project_id, user_id, name),
            FOREIGN KEY (project_id, user_id) REFERENCES persons (project_id, user_id) ON DELETE CASCADE
        );

        CREATE INDEX person_traits_by_value ON person_traits (project_id, name, value);

        CREATE TABLE session_links (
            session_id text COLLATE "C" PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            project_id text COLLATE "C" NOT NULL,
            visitor_id text COLLATE "C" NOT NULL,
            user_id    text COLLATE "C"
        );

        CREATE INDEX session_links_by_person ON session_links (project_id, user_id) WHERE user_id IS NOT NULL;

        CREATE INDEX session_links_by_visitor ON session_links (project_id, visitor_id);

        CREATE TABLE tab_activity (
            session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            project_id text COLLATE "C" NOT NULL,
            visitor_id text COLLATE "C" NOT NULL,
            tab_id     text NOT NULL,
            at_ms      bigint NOT NULL,
            kind       text NOT NULL,
            PRIMARY KEY (session_id, at_ms, kind)
        );

        CREATE INDEX tab_activity_by_visitor ON tab_activity (project_id, visitor_id, at_ms);

        CREATE TABLE erased_sessions (
            session_id text COLLATE "C" PRIMARY KEY,
            erased_at  timestamptz NOT NULL
        );

        CREATE FUNCTION sessionkit_keep_erased() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM erased_sessions WHERE session_id = NEW.id) THEN
                RETURN NULL;
            END IF;
            RETURN NEW;
        END
        $$;

        CREATE TRIGGER sessions_stay_erased BEFORE INSERT ON sessions
            FOR EACH ROW EXECUTE FUNCTION sessionkit_keep_erased();
        """;
}
