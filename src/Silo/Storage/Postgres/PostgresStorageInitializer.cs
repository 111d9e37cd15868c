using Microsoft.Extensions.Logging;
using Npgsql;
using SessionKit.Silo.Storage.Postgres.Migrations;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// Applies the migrations not yet recorded in schema_migrations, each in its own transaction. Every step
/// first takes a transaction-scoped advisory lock, so nodes starting at once against one database take
/// turns: the first applies a migration, the others wait, then find it recorded and skip it. A lock held
/// by the transaction is released by its commit or rollback, also when the node dies meanwhile.
/// </summary>
internal sealed partial class PostgresStorageInitializer(PostgresDatabase database, ILogger<PostgresStorageInitializer> logger)
    : IStorageInitializer
{
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        InitializeAsync(PostgresMigrations.All, cancellationToken);

    /// <summary>Applies <paramref name="migrations"/>; tests pass their own list to prove the bookkeeping.</summary>
    internal Task InitializeAsync(IReadOnlyList<IPostgresMigration> migrations, CancellationToken cancellationToken) =>
        database.RunAsync(async dataSource =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
            var newest = await InLockedTransactionAsync(connection, PrepareAsync, cancellationToken).ConfigureAwait(false);
            if (newest > known)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database {database.DatabaseName} has schema version {newest}, newer than this build knows ({known}).");
            }

            foreach (var migration in migrations)
            {
                if (await InLockedTransactionAsync(
                    connection, (transaction, ct) => ApplyAsync(transaction, migration, ct), cancellationToken).ConfigureAwait(false))
                {
                    LogApplied(database.DatabaseName, migration.Version);
                }
            }

            return true;
        });

    private static async Task<T> InLockedTransactionAsync<T>(
        NpgsqlConnection connection, Func<NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockMigrations = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockMigrations.With("key", PostgresLocks.SchemaMigrations);
            await lockMigrations.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = await work(transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Creates the bookkeeping table and reads the newest version applied. Under the lock too: two concurrent
    /// CREATE TABLE IF NOT EXISTS can both find no table and one then fails on the catalog's unique index.
    /// </summary>
    private static async Task<long> PrepareAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                applied_at timestamptz NOT NULL
            )
            """, transaction.Connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var newest = new NpgsqlCommand(
            "SELECT COALESCE(MAX(version), 0)::bigint FROM schema_migrations", transaction.Connection, transaction);
        return (long)(await newest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<bool> ApplyAsync(NpgsqlTransaction transaction, IPostgresMigration migration, CancellationToken cancellationToken)
    {
        await using (var applied = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version)", transaction.Connection, transaction))
        {
            if ((bool)(await applied.With("version", migration.Version).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return false;
            }
        }

        await using (var change = new NpgsqlCommand(migration.Sql, transaction.Connection, transaction))
        {
            await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, now())", transaction.Connection, transaction))
        {
            await record.With("version", migration.Version).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} to PostgreSQL database {Database}")]
    private partial void LogApplied(string database, int version);
}
