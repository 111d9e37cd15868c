namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// Webhook deliveries still to make, one per fired rule and webhook, written with the firing so a stopped node
/// loses none; a dispatcher claims a row until <c>claimed_until</c>. They go with their firing (and so with an
/// erased session).
/// </summary>
internal sealed class M0007PendingDeliveries : ISqliteMigration
{
    public int Version => 7;

    public string Sql => """
        CREATE TABLE pending_deliveries (
            id              TEXT PRIMARY KEY,
            session_id      TEXT NOT NULL,
            rule_id         TEXT NOT NULL,
            webhook_id      TEXT NOT NULL,
            project_id      TEXT NOT NULL,
            rule_name       TEXT NOT NULL,
            url             TEXT,
            score           INTEGER NOT NULL,
            signal          TEXT,
            fired_at        INTEGER NOT NULL,
            attempts        INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            claimed_until   INTEGER,
            claimed_by      TEXT,
            UNIQUE (session_id, rule_id, webhook_id),
            FOREIGN KEY (session_id, rule_id) REFERENCES alert_firings (session_id, rule_id) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX pending_deliveries_by_due ON pending_deliveries (next_attempt_at);
        """;
}
