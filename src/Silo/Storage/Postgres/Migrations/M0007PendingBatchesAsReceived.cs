namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>
/// A pending batch is stored as the client sent it (<see cref="SegmentCodec.GzipBatch"/>: its gzipped request body,
/// about a seventh of its events' bytes) or, for a body sent uncompressed, as its events' JSON (identity, what every
/// row before this migration holds).
/// </summary>
internal sealed class M0007PendingBatchesAsReceived : IPostgresMigration
{
    public int Version => 7;

    public string Sql => """
        ALTER TABLE pending_batches RENAME COLUMN events_json TO data;
        ALTER TABLE pending_batches ADD COLUMN codec text NOT NULL DEFAULT 'identity';
        """;
}
