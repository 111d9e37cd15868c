namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>
/// Frustration signals and scores per session, and a project's alert rules, webhooks, the rules fired per
/// session (once each) and the webhook delivery log.
/// </summary>
internal sealed class M0005Signals : IPostgresMigration
{
    public int Version => 5;

    public string Sql => """
        CREATE TABLE session_signals (
            session_id      text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            idx             integer NOT NULL,
            project_id      text COLLATE "C" NOT NULL,
            type            text NOT NULL,
            at_ms           bigint NOT NULL,
            url             text,
            target_selector text,
            target_text     text,
            evidence        jsonb NOT NULL,
            explanation     text NOT NULL,
            PRIMARY KEY (session_id, idx)
        );

        CREATE TABLE session_scores (
            session_id   text COLLATE "C" PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            project_id   text COLLATE "C" NOT NULL,
            score        integer NOT NULL,
            signal_count integer NOT NULL,
            types        text[] NOT NULL,
            pages        jsonb NOT NULL
        );
        CREATE INDEX session_scores_by_score ON session_scores (project_id, score);

        CREATE TABLE alert_rules (
            id           text COLLATE "C" PRIMARY KEY,
            project_id   text COLLATE "C" NOT NULL,
            name         text NOT NULL,
            signal_type  text,
            url_contains text,
            min_score    integer,
            webhook_ids  text[] NOT NULL,
            enabled      boolean NOT NULL,
            created_at   timestamptz NOT NULL
        );
        CREATE INDEX alert_rules_by_project ON alert_rules (project_id);

        CREATE TABLE webhooks (
            id         text COLLATE "C" PRIMARY KEY,
            project_id text COLLATE "C" NOT NULL,
            name       text NOT NULL,
            url        text NOT NULL,
            format     text NOT NULL,
            secret     text NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX webhooks_by_project ON webhooks (project_id);

        CREATE TABLE alert_firings (
            session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            rule_id    text COLLATE "C" NOT NULL,
            fired_at   timestamptz NOT NULL,
            PRIMARY KEY (session_id, rule_id)
        );

        CREATE TABLE webhook_deliveries (
            id              text COLLATE "C" PRIMARY KEY,
            webhook_id      text COLLATE "C" NOT NULL,
            project_id      text COLLATE "C" NOT NULL,
            rule_id         text COLLATE "C" NOT NULL,
            session_id      text COLLATE "C" NOT NULL,
            attempt         integer NOT NULL,
            outcome         text NOT NULL,
            response_status integer,
            error           text,
            attempted_at    timestamptz NOT NULL
        );
        CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, attempted_at);
        """;
}
