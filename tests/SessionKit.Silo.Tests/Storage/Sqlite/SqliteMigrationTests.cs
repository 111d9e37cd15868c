using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Sqlite;
using SessionKit.Silo.Storage.Sqlite.Migrations;
using static SessionKit.Silo.Tests.Storage.TestData;

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
    public async Task BatchesPendingBeforeTheyWereStoredAsReceivedAreReadAsTheyWere()
    {
        await Initializer.InitializeAsync([.. SqliteMigrations.All.Where(migration => migration.Version < 8)], CancellationToken.None);
        var sessions = services.GetRequiredService<ISessionStore>();
        var session = NewSession(NewId("project"));
        await sessions.TryCreateSessionAsync(session, CancellationToken.None);
        Execute($"INSERT INTO pending_batches (session_id, ordinal, seq, event_count, events_json) VALUES ('{session.Id}', 0, 0, 1, CAST('{{\"type\":3}}' AS BLOB))");

        await Initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal("""{"type":3}""", Text(Assert.Single(await sessions.GetPendingBatchesAsync(session.Id, CancellationToken.None)).EventsJson.Span));
    }

    [Fact]
    public async Task ADatabaseFromANewerBuildIsRefused()
    {
        await Initializer.InitializeAsync(CancellationToken.None);
        var newer = new TestMigration(SqliteMigrations.All.Count + 1, "SELECT 1;");
        await Initializer.InitializeAsync([.. SqliteMigrations.All, newer], CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Initializer.InitializeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ADatabaseOfTheFirstSchemaUpgradesInPlaceAndKeepsItsData()
    {
        await Initializer.InitializeAsync([SqliteMigrations.All[0]], CancellationToken.None);
        var project = NewProject("https://shop.example");
        var session = NewSession(project.Id) with
        {
            FirstUrl = "https://shop.example/", Pages = ["https://shop.example/"], DurationMs = 1_500, SeqsAboveFloor = [4], NextOrdinal = 2,
        };
        using (var connection = database.OpenRawConnection())
        using (var insert = connection.CreateCommand())
        {
            // The first schema's columns only, as a build of that time wrote them.
            insert.CommandText = """
                INSERT INTO projects (id, name, ingest_key, allowed_origins, created_at)
                VALUES ($project_id, $name, $ingest_key, '["https://shop.example"]', $started_at);
                INSERT INTO sessions (id, project_id, first_url, pages, started_at, last_activity_at, duration_ms,
                    event_count, byte_size, batch_count, seq_floor, seqs_above_floor, next_ordinal)
                VALUES ($session_id, $project_id, 'https://shop.example/', '["https://shop.example/"]', $started_at, $started_at,
                    1500, 0, 0, 0, -1, '[4]', 2);
                """;
            insert.Parameters.AddWithValue("$project_id", project.Id);
            insert.Parameters.AddWithValue("$name", project.Name);
            insert.Parameters.AddWithValue("$ingest_key", project.IngestKey);
            insert.Parameters.AddWithValue("$session_id", session.Id);
            insert.Parameters.AddWithValue("$started_at", Epoch.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        await Initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal(SqliteMigrations.All.Select(migration => (long)migration.Version), AppliedVersions());
        var storedProject = await services.GetRequiredService<IProjectStore>().GetProjectAsync(project.Id, CancellationToken.None);
        Assert.Equal(project.AllowedOrigins, storedProject!.AllowedOrigins);
        Assert.Equal(project, storedProject with { AllowedOrigins = project.AllowedOrigins, PrivateTraits = project.PrivateTraits });
        Assert.False(storedProject.RequireLiveConsent);
        Assert.Empty(storedProject.PrivateTraits);
        var sessions = services.GetRequiredService<ISessionStore>();
        var storedSession = await sessions.GetSessionAsync(session.Id, CancellationToken.None);
        AssertSameSession(session, storedSession);
        Assert.Null(storedSession!.LiveConsentGranted);
        var comment = new CommentRecord(NewId("comment"), session.Id, project.Id, "ada", "after the upgrade", 1, Epoch);
        var comments = services.GetRequiredService<ICommentStore>();
        await comments.AddCommentAsync(comment, CancellationToken.None);
        Assert.Equal([comment], await comments.ListCommentsAsync(session.Id, CancellationToken.None));
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

    private void Execute(string sql)
    {
        using var connection = database.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
