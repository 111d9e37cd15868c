namespace SessionKit.Silo.Storage.Sqlite.Migrations;

internal static class SqliteMigrations
{
    /// <summary>Every migration, by ascending version. Append only.</summary>
    public static IReadOnlyList<ISqliteMigration> All { get; } =
    [
        new M0001InitialSchema(),
        new M0002CommentsAndLiveConsent(),
        new M0003SeqHoles(),
        new M0004SessionBlobs(),
        new M0005VisitorsAndPersons(),
        new M0006Signals(),
        new M0007PendingDeliveries(),
        new M0008PendingBatchesAsReceived(),
    ];
}
