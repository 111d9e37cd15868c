namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>Administrators; user names are unique ignoring ASCII case, and looked up the same way.</summary>
internal sealed class SqliteAdminStore(SqliteDatabase database) : IAdminStore
{
    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand("SELECT EXISTS (SELECT 1 FROM admins)");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
    }

    /// <summary>
    /// The emptiness check and the insert are one statement in a write transaction, which SQLite runs
    /// alone, so of concurrent setups (even from another process) exactly one wins.
    /// </summary>
    public Task<bool> TryCreateFirstAdminAsync(AdminRecord admin, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                INSERT INTO admins (user_name, password_hash, created_at)
                SELECT $user_name, $password_hash, $created_at
                WHERE NOT EXISTS (SELECT 1 FROM admins)
                """)
                .With("$user_name", admin.UserName)
                .With("$password_hash", admin.PasswordHash)
                .With("$created_at", UnixTime.ToMs(admin.CreatedAt));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public async Task<AdminRecord?> FindAdminAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(
            "SELECT user_name, password_hash, created_at FROM admins WHERE user_name = $user_name")
            .With("$user_name", userName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AdminRecord(reader.GetString(0), reader.GetString(1), UnixTime.FromMs(reader.GetInt64(2)))
            : null;
    }
}
