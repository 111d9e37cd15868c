namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>
/// Webhook deliveries still to make, one per fired rule and webhook, written with the firing so a stopped node
/// loses none; a dispatcher claims a row until <c>claimed_until</c>, and nodes skip rows another has locked. They go
/// with their firing (and so with an erased session).
/// </summary>
internal sealed class M0006PendingDeliveries : IPostgresMigration
{
    public int Version => 6;

    public string Sql => """
        CREATE TABLE pending_deliveries (
            id              text COLLATE "C" PRIMARY KEY,
            session_id      text COLLATE "C" NOT NULL,
            rule_id         text COLLATE "C" NOT NULL,
            webhook_id      text COLLATE "C" NOT NULL,
            project_id      text COLLATE "C" NOT NULL,
            rule_name       text NOT NULL,
            url             text,
            score           integer NOT NULL,
            signal          json,
            fired_at        timestamptz NOT NULL,
            attempts        integer NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            claimed_until   timestamptz,
            claimed_by      text,
            UNIQUE (session_id, rule_id, webhook_id),
            FOREIGN KEY (session_id, rule_id) REFERENCES alert_firings (session_id, rule_id) ON DELETE CASCADE
        );
        CREATE INDEX pending_deliveries_by_due ON pending_deliveries (next_attempt_at);
        """;
}
