namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// Frustration signals and scores per session, and a project's alert rules, webhooks, the rules fired per
/// session (once each) and the webhook delivery log.
/// </summary>
internal sealed class M0006Signals : ISqliteMigration
{
    public int Version => 6;

    public string Sql => """
        CREATE TABLE session_signals (
            session_id      TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            idx             INTEGER NOT NULL,
            project_id      TEXT NOT NULL,
            type            TEXT NOT NULL,
            at_ms           INTEGER NOT NULL,
            url             TEXT,
            target_selector TEXT,
            target_text     TEXT,
            evidence        TEXT NOT NULL,
            explanation     TEXT NOT NULL,
            PRIMARY KEY (session_id, idx)
        ) STRICT;

        CREATE TABLE session_scores (
            session_id   TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            project_id   TEXT NOT NULL,
            score        INTEGER NOT NULL,
            signal_count INTEGER NOT NULL,
            types        TEXT NOT NULL,
            pages        TEXT NOT NULL
        ) STRICT;
        CREATE INDEX session_scores_by_score ON session_scores (project_id, score);

        CREATE TABLE alert_rules (
            id           TEXT PRIMARY KEY,
            project_id   TEXT NOT NULL,
            name         TEXT NOT NULL,
            signal_type  TEXT,
            url_contains TEXT,
            min_score    INTEGER,
            webhook_ids  TEXT NOT NULL,
            enabled      INTEGER NOT NULL,
            created_at   INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX alert_rules_by_project ON alert_rules (project_id);

        CREATE TABLE webhooks (
            id         TEXT PRIMARY KEY,
            project_id TEXT NOT NULL,
            name       TEXT NOT NULL,
            url        TEXT NOT NULL,
            format     TEXT NOT NULL,
            secret     TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX webhooks_by_project ON webhooks (project_id);

        CREATE TABLE alert_firings (
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            rule_id    TEXT NOT NULL,
            fired_at   INTEGER NOT NULL,
            PRIMARY KEY (session_id, rule_id)
        ) STRICT;

        CREATE TABLE webhook_deliveries (
            id              TEXT PRIMARY KEY,
            webhook_id      TEXT NOT NULL,
            project_id      TEXT NOT NULL,
            rule_id         TEXT NOT NULL,
            session_id      TEXT NOT NULL,
            attempt         INTEGER NOT NULL,
            outcome         TEXT NOT NULL,
            response_status INTEGER,
            error           TEXT,
            attempted_at    INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, attempted_at);
        """;
}
