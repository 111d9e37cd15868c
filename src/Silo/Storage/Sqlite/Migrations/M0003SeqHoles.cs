namespace SessionKit.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// Gaps in a session's seqs that the floor passed over (JSON array of { First, Last }), and the seq at or
/// below which a seq outside them is of unknown state. Existing rows: no holes, every seq known.
/// </summary>
internal sealed class M0003SeqHoles : ISqliteMigration
{
    public int Version => 3;

    public string Sql => """
        ALTER TABLE sessions ADD COLUMN seq_holes TEXT NOT NULL DEFAULT '[]';

        ALTER TABLE sessions ADD COLUMN seq_unknown_through INTEGER NOT NULL DEFAULT -1;
        """;
}
