using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Postgres;
using SessionKit.Silo.Storage.Postgres.Migrations;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Storage.Postgres;

public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private readonly PostgresStorageTestDatabase database = new();
    private readonly List<ServiceProvider> providers = [];
    private PostgresTestDatabase raw = null!;

    public async Task InitializeAsync() => raw = await database.GetDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public void MigrationVersionsAscendWithoutGaps()
    {
        Assert.Equal(
            Enumerable.Range(1, PostgresMigrations.All.Count),
            PostgresMigrations.All.Select(migration => migration.Version));
    }

    [Fact]
    public async Task AFreshDatabaseGetsEveryTableAndRecordsEachMigration()
    {
        await (await InitializerAsync()).InitializeAsync(CancellationToken.None);

        Assert.Equal(PostgresMigrations.All.Select(migration => migration.Version), await AppliedVersionsAsync());
        foreach (var table in new[]
        {
            "schema_migrations", "projects", "admins", "sessions", "pending_batches", "event_chunks", "comments",
            "dataprotection_keys", "cluster_members",
        })
        {
            Assert.True(await raw.ScalarAsync<bool>($"SELECT to_regclass('public.{table}') IS NOT NULL"), $"table {table} is missing");
        }
    }

    [Fact]
    public async Task ClusterMembersHaveTheColumnsTheMembershipCodeExpects()
    {
        await (await InitializerAsync()).InitializeAsync(CancellationToken.None);

        var columns = await raw.ScalarAsync<string>("""
            SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_name = 'cluster_members'
            """);
        Assert.Equal(
            "node_id text NO, address text YES, started_at timestamp with time zone NO, heartbeat_at timestamp with time zone NO",
            columns);
        Assert.Equal("node_id", await raw.ScalarAsync<string>("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = 'cluster_members'::regclass AND i.indisprimary
            """));
    }

    [Fact]
    public async Task InitializersOfSeveralNodesStartingAtOnceApplyEachMigrationOnce()
    {
        // Separate containers are separate pools, as separate nodes would have.
        var initializers = new List<PostgresStorageInitializer>();
        for (var node = 0; node < 4; node++)
        {
            initializers.Add(await InitializerAsync());
        }

        await Task.WhenAll(initializers.Select(initializer => Task.Run(() => initializer.InitializeAsync(CancellationToken.None))));

        Assert.Equal(PostgresMigrations.All.Select(migration => migration.Version), await AppliedVersionsAsync());
        Assert.Equal(0L, await raw.ScalarAsync<long>("SELECT count(*) FROM sessions"));
    }

    [Fact]
    public async Task AFailingMigrationLeavesNothingHalfDoneAndIsNotRecorded()
    {
        var initializer = await InitializerAsync();
        var broken = new TestMigration(PostgresMigrations.All.Count + 1, "CREATE TABLE half_done (x integer); SELECT no_such_column FROM half_done;");

        await Assert.ThrowsAsync<PostgresException>(() => initializer.InitializeAsync([.. PostgresMigrations.All, broken], CancellationToken.None));

        Assert.False(await raw.ScalarAsync<bool>("SELECT to_regclass('public.half_done') IS NOT NULL"));
        Assert.DoesNotContain(broken.Version, await AppliedVersionsAsync());
        Assert.Equal(PostgresMigrations.All.Select(migration => migration.Version), await AppliedVersionsAsync());
    }

    [Fact]
    public async Task ADatabaseFromANewerBuildIsRefused()
    {
        var initializer = await InitializerAsync();
        var newer = new TestMigration(PostgresMigrations.All.Count + 1, "SELECT 1");
        await initializer.InitializeAsync([.. PostgresMigrations.All, newer], CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => initializer.InitializeAsync(CancellationToken.None));

        Assert.Contains("newer than this build", refused.Message, StringComparison.Ordinal);
        Assert.Contains(raw.Name, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMigrationLockIsReleasedWhenInitializingEnds()
    {
        await (await InitializerAsync()).InitializeAsync(CancellationToken.None);

        Assert.Equal(0L, await raw.ScalarAsync<long>("""
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """));
    }

    [Fact]
    public async Task BatchesPendingBeforeTheyWereStoredAsReceivedAreReadAsTheyWere()
    {
        var initializer = await InitializerAsync();
        await initializer.InitializeAsync([.. PostgresMigrations.All.Where(migration => migration.Version < 7)], CancellationToken.None);
        var sessions = providers[^1].GetRequiredService<ISessionStore>();
        var session = TestData.NewSession(TestData.NewId("project"));
        await sessions.TryCreateSessionAsync(session, CancellationToken.None);
        await raw.ExecuteAsync($"INSERT INTO pending_batches (session_id, ordinal, seq, event_count, events_json) VALUES ('{session.Id}', 0, 0, 1, convert_to('{{\"type\":3}}', 'UTF8'))");

        await initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal("""{"type":3}""", TestData.Text(Assert.Single(await sessions.GetPendingBatchesAsync(session.Id, CancellationToken.None)).EventsJson.Span));
    }

    private async Task<PostgresStorageInitializer> InitializerAsync()
    {
        var provider = await database.BuildServicesAsync();
        providers.Add(provider);
        return (PostgresStorageInitializer)provider.GetRequiredService<IStorageInitializer>();
    }

    private async Task<List<int>> AppliedVersionsAsync()
    {
        var versions = await raw.ScalarAsync<int[]>("SELECT coalesce(array_agg(version ORDER BY version), '{}') FROM schema_migrations");
        return [.. versions];
    }

    private sealed record TestMigration(int Version, string Sql) : IPostgresMigration;
}
