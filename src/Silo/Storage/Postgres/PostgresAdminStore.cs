using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>Administrators; user names are unique ignoring case (an index on lower(user_name)), and looked up the same way.</summary>
internal sealed class PostgresAdminStore(PostgresDatabase database) : IAdminStore
{
    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM admins)");
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        });

    /// <summary>
    /// Under READ COMMITTED two setups could both see no administrator and both insert, so they take turns
    /// on an advisory lock first. The batch is one transaction: the lock holds until the insert commits, and
    /// the insert, a statement of its own, sees any administrator committed while it waited. Of concurrent
    /// setups, even from other nodes, exactly one wins.
    /// </summary>
    public Task<bool> TryCreateFirstAdminAsync(AdminRecord admin, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var batch = dataSource.CreateBatch();
            var lockSetup = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key)");
            lockSetup.Parameters.With("key", PostgresLocks.FirstAdmin);
            batch.BatchCommands.Add(lockSetup);
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO admins (user_name, password_hash, created_at)
                SELECT @user_name, @password_hash, @created_at
                WHERE NOT EXISTS (SELECT 1 FROM admins)
                """);
            insert.Parameters
                .With("user_name", admin.UserName)
                .With("password_hash", admin.PasswordHash)
                .WithInstant("created_at", admin.CreatedAt);
            batch.BatchCommands.Add(insert);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return insert.RecordsAffected == 1;
        });

    public Task<AdminRecord?> FindAdminAsync(string userName, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var command = dataSource.CreateCommand(
                "SELECT user_name, password_hash, created_at FROM admins WHERE lower(user_name) = lower(@user_name)")
                .With("user_name", userName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new AdminRecord(reader.GetString(0), reader.GetString(1), reader.GetInstant(2))
                : null;
        });
}
