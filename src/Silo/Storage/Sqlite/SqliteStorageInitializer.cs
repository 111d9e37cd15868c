using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SessionKit.Silo.Storage.Sqlite.Migrations;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>
/// Creates the data directory and database file, then applies the migrations not yet recorded in
/// schema_migrations, each in its own transaction. Safe to run again and from several processes at once.
/// </summary>
internal sealed partial class SqliteStorageInitializer(SqliteDatabase database, ILogger<SqliteStorageInitializer> logger)
    : IStorageInitializer
{
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        InitializeAsync(SqliteMigrations.All, cancellationToken);

    /// <summary>Applies <paramref name="migrations"/>; tests pass their own list to prove the bookkeeping.</summary>
    internal Task InitializeAsync(IReadOnlyList<ISqliteMigration> migrations, CancellationToken cancellationToken) =>
        Task.Run(() => Initialize(migrations, cancellationToken), cancellationToken);

    private void Initialize(IReadOnlyList<ISqliteMigration> migrations, CancellationToken cancellationToken)
    {
        using var connection = database.OpenWriteConnection();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                applied_at INTEGER NOT NULL
            ) STRICT;
            """);

        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var newest = CurrentVersion(connection);
        if (newest > known)
        {
            throw new InvalidOperationException(
                $"The database at {database.FilePath} has schema version {newest}, newer than this build knows ({known}).");
        }

        foreach (var migration in migrations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Apply(connection, migration);
        }
    }

    private void Apply(SqliteConnection connection, ISqliteMigration migration)
    {
        // BEGIN IMMEDIATE takes the write lock before the check, so a concurrent initializer waits, then skips.
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var applied = transaction.CreateCommand("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $version)"))
        {
            if ((long)applied.With("$version", migration.Version).ExecuteScalar()! == 1)
            {
                return;
            }
        }

        using (var change = transaction.CreateCommand(migration.Sql))
        {
            change.ExecuteNonQuery();
        }

        using (var record = transaction.CreateCommand(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $appliedAt)"))
        {
            record.With("$version", migration.Version)
                .With("$appliedAt", UnixTime.ToMs(DateTimeOffset.UtcNow))
                .ExecuteNonQuery();
        }

        transaction.Commit();
        LogApplied(database.FilePath, migration.Version);
    }

    private static long CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return (long)command.ExecuteScalar()!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} to {DatabasePath}")]
    private partial void LogApplied(string databasePath, int version);
}
