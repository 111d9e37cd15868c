using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Postgres;
using SessionKit.Testing;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage.Postgres;

/// <summary>PostgreSQL specifics the contracts cannot see: durability settings, query plans, the schema's guarantees.</summary>
public sealed class PostgresDatabaseTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PostgresStorageTestDatabase database = new();
    private StoreUnderTest store = null!;
    private ServiceProvider services = null!;
    private PostgresTestDatabase raw = null!;

    private NpgsqlDataSource DataSource => services.GetRequiredService<PostgresDatabase>().DataSource;

    public async Task InitializeAsync()
    {
        store = await database.OpenAsync();
        services = await database.BuildServicesAsync();
        raw = await database.GetDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task CommitsWaitForTheWalToReachTheDisk()
    {
        Assert.Equal("on", await ShowAsync("synchronous_commit"));
        Assert.Equal("on", await ShowAsync("fsync"));
    }

    [Fact]
    public async Task TheServersConnectionsAreNamedForPgStatActivity()
    {
        await using var command = DataSource.CreateCommand("SELECT current_setting('application_name')");

        Assert.Equal("SessionKit", await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Unlike SQLite's, PostgreSQL's planner may sort a session's rows rather than merge the two index scans;
    /// the sort then runs on the server over TOAST pointers (chunk data is stored out of line), so the client
    /// still receives, and holds, one segment at a time. What matters is that no table is scanned whole.
    /// </summary>
    [Fact]
    public async Task ReadingSegmentsFindsTheSessionsRowsThroughBothPrimaryKeys()
    {
        await FillAsync(sessions: 20, batchesEach: 500);

        var plan = await ExplainAsync(PostgresSessionStore.ReadSegmentsSql, ("session_id", "s1"));

        Assert.True(plan.Contains("event_chunks_pkey", StringComparison.Ordinal), plan);
        Assert.True(plan.Contains("pending_batches_pkey", StringComparison.Ordinal), plan);
        Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), plan);
    }

    [Fact]
    public async Task ListingSessionsWalksTheNewestFirstIndex()
    {
        await FillAsync(sessions: 500, batchesEach: 0);
        var query = new SessionQuery { ProjectId = "p", StartedFrom = At(0), UrlContains = "x", MinDurationMs = 1 };
        await using var command = SessionListCommand.Create(DataSource, query, new SessionCursor(5, "id"));

        var plan = await ExplainAsync(command.CommandText, [.. command.Parameters.Select(p => (p.ParameterName, p.Value!))]);

        Assert.Contains("sessions_by_project_newest", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort  ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstantsAreKeptToTheMillisecondLikeSqlite()
    {
        var precise = Epoch.AddTicks(1_234_567); // 123.4567 ms
        var session = NewSession(NewId("project"), precise);

        await store.Sessions.TryCreateSessionAsync(session, Ct);

        Assert.Equal(Epoch.AddMilliseconds(123), (await store.Sessions.GetSessionAsync(session.Id, Ct))!.StartedAt);
    }

    [Fact]
    public async Task DeletingASessionDeletesItsEventsAndComments()
    {
        var session = NewSession(NewId("project"));
        await store.Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);
        await store.Sessions.AppendBatchAsync(Appending(session, 1), Batch(session, 1), Ct);
        await store.Sessions.WriteChunkAsync(After(session, 2), Chunk(session, 0, 0), Ct);
        await store.Comments.AddCommentAsync(new CommentRecord(NewId("comment"), session.Id, session.ProjectId, "ada", "gone soon", 1, Epoch), Ct);

        await raw.ExecuteAsync($"DELETE FROM sessions WHERE id = '{session.Id}'");

        Assert.Equal(0L, await raw.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM pending_batches) + (SELECT count(*) FROM event_chunks) + (SELECT count(*) FROM comments)"));
    }

    [Fact]
    public async Task EventRowsRequireTheirSessionRow()
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => raw.ExecuteAsync(
            "INSERT INTO pending_batches (session_id, ordinal, seq, event_count, data) VALUES ('missing', 0, 0, 1, '\\x7b7d')"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }

    [Fact]
    public async Task OfFirstSetupsThroughTwoSeparateNodesExactlyOneSucceeds()
    {
        // Two containers are two pools, as two nodes would have.
        await using var other = await database.OpenAsync();
        var attempts = Enumerable.Range(0, 16).Select(i =>
        {
            var admins = i % 2 == 0 ? store.Admins : other.Admins;
            return Task.Run(() => admins.TryCreateFirstAdminAsync(new AdminRecord(NewId("admin"), "hash", Epoch), Ct));
        });

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, created => created);
        Assert.Equal(1L, await raw.ScalarAsync<long>("SELECT count(*) FROM admins"));
    }

    [Fact]
    public async Task AppendingTheSameOrdinalFromTwoNodesStoresItOnceAndTellsTheOtherItWasAConflict()
    {
        await using var other = await database.OpenAsync();
        var session = NewSession(NewId("project")) with { NextOrdinal = 1 };

        var results = await Task.WhenAll(new[] { store, other, store, other }.Select(node =>
            Task.Run(async () =>
            {
                try
                {
                    await node.Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);
                    return "stored";
                }
                catch (StorageConflictException)
                {
                    return "conflict";
                }
            })));

        Assert.Single(results, result => result == "stored");
        Assert.Equal(3, results.Count(result => result == "conflict"));
        Assert.Single(await store.Sessions.GetPendingBatchesAsync(session.Id, Ct));
    }

    private async Task FillAsync(int sessions, int batchesEach)
    {
        await raw.ExecuteAsync($$"""
            INSERT INTO sessions (id, project_id, pages, started_at, last_activity_at, duration_ms, event_count, byte_size,
                batch_count, seq_floor, seqs_above_floor, next_ordinal, seq_holes, seq_unknown_through)
            SELECT 's' || n, 'p' || (n % 10), '{}', now() - n * interval '1 minute', now(), n, 0, 0, 0, -1, '{}', 0, '[]', -1
            FROM generate_series(1, {{sessions}}) AS n;
            INSERT INTO pending_batches (session_id, ordinal, seq, event_count, data)
            SELECT 's' || n, o * 2, o * 2, 1, '\x7b7d' FROM generate_series(1, {{sessions}}) AS n, generate_series(1, {{batchesEach}}) AS o;
            INSERT INTO event_chunks (session_id, first_ordinal, last_ordinal, event_count, raw_bytes, codec, data)
            SELECT 's' || n, o * 2 + 1, o * 2 + 1, 1, 2, 'br', '\x00' FROM generate_series(1, {{sessions}}) AS n, generate_series(1, {{batchesEach}}) AS o;
            ANALYZE;
            """);
    }

    private async Task<string> ExplainAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand("EXPLAIN " + sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private async Task<string> ShowAsync(string setting)
    {
        await using var command = DataSource.CreateCommand($"SHOW {setting}");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
