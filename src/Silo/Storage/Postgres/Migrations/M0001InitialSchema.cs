namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>
/// Everything SQLite has after its third migration, plus what a cluster shares: data-protection keys
/// (login cookies valid on every node) and cluster membership. Server instants are timestamptz at
/// millisecond precision; times inside recordings stay the client's Unix milliseconds (bigint). Ids are
/// compared byte-wise (COLLATE "C"), as SQLite does, so list order and cursors do not depend on the
/// database's locale.
/// </summary>
internal sealed class M0001InitialSchema : IPostgresMigration
{
    public int Version => 1;

    public string Sql => """
        CREATE TABLE projects (
            id                   text COLLATE "C" PRIMARY KEY,
            name                 text        NOT NULL,
            ingest_key           text COLLATE "C" NOT NULL UNIQUE,
            allowed_origins      text[]      NOT NULL,
            require_live_consent boolean     NOT NULL DEFAULT false,
            created_at           timestamptz NOT NULL
        );

        CREATE TABLE admins (
            user_name     text PRIMARY KEY,
            password_hash text        NOT NULL,
            created_at    timestamptz NOT NULL
        );

        CREATE UNIQUE INDEX admins_by_folded_name ON admins (lower(user_name));

        CREATE TABLE sessions (
            id                  text COLLATE "C" PRIMARY KEY,
            project_id          text COLLATE "C" NOT NULL,
            visitor_id          text,
            tab_id              text,
            user_agent          text,
            referrer            text,
            screen_width        integer,
            screen_height       integer,
            first_url           text,
            pages               text[]      NOT NULL,
            started_at          timestamptz NOT NULL,
            last_activity_at    timestamptz NOT NULL,
            ended_at            timestamptz,
            first_event_at      bigint,
            last_event_at       bigint,
            duration_ms         bigint      NOT NULL,
            event_count         bigint      NOT NULL,
            byte_size           bigint      NOT NULL,
            batch_count         bigint      NOT NULL,
            seq_floor           bigint      NOT NULL,
            seqs_above_floor    bigint[]    NOT NULL,
            next_ordinal        bigint      NOT NULL,
            live_consent        boolean,
            seq_holes           jsonb       NOT NULL,
            seq_unknown_through bigint      NOT NULL
        );

        CREATE INDEX sessions_by_project_newest ON sessions (project_id, started_at DESC, id DESC);

        CREATE INDEX sessions_open_by_last_activity ON sessions (last_activity_at) WHERE ended_at IS NULL;

        CREATE TABLE pending_batches (
            session_id  text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            ordinal     bigint  NOT NULL,
            seq         bigint  NOT NULL,
            event_count integer NOT NULL,
            events_json bytea   NOT NULL,
            PRIMARY KEY (session_id, ordinal)
        );

        CREATE TABLE event_chunks (
            session_id    text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            first_ordinal bigint  NOT NULL,
            last_ordinal  bigint  NOT NULL,
            event_count   integer NOT NULL,
            raw_bytes     bigint  NOT NULL,
            codec         text    NOT NULL,
            data          bytea   NOT NULL,
            PRIMARY KEY (session_id, first_ordinal)
        );

        -- Chunks are Brotli already: out of line, without TOAST's compression, which would only cost CPU.
        ALTER TABLE event_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

        CREATE TABLE comments (
            id         text COLLATE "C" PRIMARY KEY,
            session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            project_id text COLLATE "C" NOT NULL,
            author     text        NOT NULL,
            text       text        NOT NULL,
            at_ms      bigint      NOT NULL,
            created_at timestamptz NOT NULL
        );

        CREATE INDEX comments_by_session_moment ON comments (session_id, at_ms);

        CREATE TABLE dataprotection_keys (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text        NOT NULL,
            xml           text        NOT NULL,
            stored_at     timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE cluster_members (
            node_id      text PRIMARY KEY,
            address      text,
            started_at   timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL
        );
        """;
}
