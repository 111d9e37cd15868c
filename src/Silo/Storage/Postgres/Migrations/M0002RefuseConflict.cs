namespace SessionKit.Silo.Storage.Postgres.Migrations;

/// <summary>
/// A function a single batched write can call to abort itself as a conflict: it raises a unique
/// violation (23505), which rolls the whole batch back and reaches the caller as a
/// <see cref="StorageConflictException"/>. Used where a write must check a row count (a chunk whose
/// batches another writer already compacted) without a second round trip.
/// </summary>
internal sealed class M0002RefuseConflict : IPostgresMigration
{
    public int Version => 2;

    public string Sql => """
        CREATE FUNCTION sessionkit_refuse_conflict(message text) RETURNS integer
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = message;
        END
        $$;
        """;
}
