using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Sqlite;
using SessionKit.Silo.Storage.Sqlite.Migrations;

namespace SessionKit.Silo.Tests.Storage.Sqlite;

public sealed class SqliteMigrationTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase database = new();
    private ServiceProvider services = null!;

    private SqliteStorageInitializer Initializer => (SqliteStorageInitializer)services.GetRequiredService<IStorageInitializer>();

    public Task InitializeAsync()
    {
        services = database.BuildServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void MigrationVersionsAscendWithoutGaps()
    {
        Assert.Equal(
            Enumerable.Range(1, SqliteMigrations.All.Count),
            SqliteMigrations.All.Select(migration => migration.Version));
    }

    [Fact]
    public async Task InitializingCreatesTheDataDirectoryAndDatabaseFile()
    {
        Assert.False(Directory.Exists(database.DataDirectory));

        await Initializer.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(database.FilePath));
    }

    [Fact]
    public async Task EachMigrationIsRecordedOnceHoweverOftenStorageIsInitialized()
    {
        await Initializer.InitializeAsync(CancellationToken.None);
        await Initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal(SqliteMigrations.All.Select(migration => (long)migration.Version), AppliedVersions());
    }

    [Fact]
    public async Task ANewMigrationIsAppliedOnceOnTheNextStart()
    {
        await Initializer.InitializeAsync(CancellationToken.None);
        IReadOnlyList<ISqliteMigration> next = [.. SqliteMigrations.All, new TestMigration(SqliteMigrations.All.Count + 1, "CREATE TABLE added_later (x INTEGER) STRICT;")];

        // Applying it twice would fail: the table would exist already.
        await Initializer.InitializeAsync(next, CancellationToken.None);
        await Initializer.InitializeAsync(next, CancellationToken.None);

        Assert.Equal(next.Select(migration => (long)migration.Version), AppliedVersions());
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'added_later'"));
    }

    [Fact]
    public async Task AFailingMigrationLeavesNeitherChangesNorARecord()
    {
        await Initializer.InitializeAsync(CancellationToken.None);
        var broken = new TestMigration(SqliteMigrations.All.Count + 1, "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;");

        await Assert.ThrowsAsync<SqliteException>(() => Initializer.InitializeAsync([.. SqliteMigrations.All, broken], CancellationToken.None));

        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
        Assert.DoesNotContain(broken.Version, AppliedVersions());
    }

    [Fact]
    public async Task ADatabaseFromANewerBuildIsRefused()
    {
        await Initializer.InitializeAsync(CancellationToken.None);
        var newer = new TestMigration(SqliteMigrations.All.Count + 1, "SELECT 1;");
        await Initializer.InitializeAsync([.. SqliteMigrations.All, newer], CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer.InitializeAsync(CancellationToken.None));
    }

    private List<long> AppliedVersions()
    {
        using var connection = database.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private long Scalar(string sql)
    {
        using var connection = database.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private sealed record TestMigration(int Version, string Sql) : ISqliteMigration;
}
