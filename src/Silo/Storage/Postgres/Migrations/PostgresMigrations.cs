namespace SessionKit.Silo.Storage.Postgres.Migrations;

internal static class PostgresMigrations
{
    /// <summary>Every migration, by ascending version. Append only.</summary>
    public static IReadOnlyList<IPostgresMigration> All { get; } =
    [
        new M0001InitialSchema(),
        new M0002RefuseConflict(),
        new M0003SessionBlobs(),
        new M0004VisitorsAndPersons(),
        new M0005Signals(),
        new M0006PendingDeliveries(),
        new M0007PendingBatchesAsReceived(),
    ];
}
