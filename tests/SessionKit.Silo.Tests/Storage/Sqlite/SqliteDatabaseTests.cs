using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Storage;
using SessionKit.Silo.Storage.Sqlite;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage.Sqlite;

/// <summary>SQLite specifics the contracts cannot see: durability settings, query plans, the shared file.</summary>
public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase database = new();
    private StoreUnderTest store = null!;

    public async Task InitializeAsync() => store = await database.OpenAsync();

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void TheDatabaseFileIsInWalMode()
    {
        using var connection = database.OpenRawConnection();

        Assert.Equal("wal", Pragma(connection, "journal_mode"));
    }

    [Fact]
    public async Task WritesAreSyncedOnCommitWithForeignKeysEnforced()
    {
        await using var services = database.BuildServices();
        using var connection = services.GetRequiredService<SqliteDatabase>().OpenWriteConnection();

        Assert.Equal("2", Pragma(connection, "synchronous")); // FULL
        Assert.Equal("1", Pragma(connection, "foreign_keys"));
        Assert.NotEqual("0", Pragma(connection, "busy_timeout"));
    }

    [Fact]
    public void ReadingSegmentsMergesBothTablesWithoutSortingInMemory()
    {
        var plan = QueryPlan(SqliteSessionStore.ReadSegmentsSql, ("$session_id", "s"));

        Assert.Contains("MERGE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void ListingSessionsWalksTheNewestFirstIndex()
    {
        using var connection = database.OpenRawConnection();
        var query = new SessionQuery { ProjectId = "p", StartedFrom = At(0), UrlContains = "x", MinDurationMs = 1 };
        using var command = SessionListCommand.Create(connection, query, new SessionCursor(5, "id"));

        var plan = QueryPlan(command.CommandText, [.. command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, p.Value!))]);

        Assert.Contains("sessions_by_project_newest", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void ListingCommentsWalksTheSessionIndex()
    {
        var plan = QueryPlan(SqliteCommentStore.ListSql, ("$session_id", "s"));

        Assert.Contains("comments_by_session_moment", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingASessionDeletesItsComments()
    {
        var session = NewSession(NewId("project"));
        await store.Sessions.TryCreateSessionAsync(session, CancellationToken.None);
        await store.Comments.AddCommentAsync(
            new CommentRecord(NewId("comment"), session.Id, session.ProjectId, "ada", "gone soon", 1, Epoch), CancellationToken.None);
        await using var services = database.BuildServices();

        await services.GetRequiredService<SqliteDatabase>().WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("DELETE FROM sessions WHERE id = $id").With("$id", session.Id);
            return command.ExecuteNonQuery();
        }, CancellationToken.None);

        Assert.Empty(await store.Comments.ListCommentsAsync(session.Id, CancellationToken.None));
        using var connection = database.OpenRawConnection();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM comments";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task CommentRowsRequireTheirSessionRow()
    {
        await using var services = database.BuildServices();
        var sqlite = services.GetRequiredService<SqliteDatabase>();

        await Assert.ThrowsAsync<SqliteException>(() => sqlite.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                INSERT INTO comments (id, session_id, project_id, author, text, at_ms, created_at)
                VALUES ('c', 'missing', 'p', 'a', 't', 0, 0)
                """);
            return command.ExecuteNonQuery();
        }, CancellationToken.None));
    }

    [Fact]
    public async Task OfFirstSetupsThroughTwoSeparateStoresExactlyOneSucceeds()
    {
        // Two stores on one file behave like two processes: each has its own writer.
        await using var other = await database.OpenAsync();
        var attempts = Enumerable.Range(0, 16).Select(i =>
        {
            var admins = i % 2 == 0 ? store.Admins : other.Admins;
            return Task.Run(() => admins.TryCreateFirstAdminAsync(new AdminRecord(NewId("admin"), "hash", Epoch), CancellationToken.None));
        });

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, created => created);
    }

    [Fact]
    public async Task EventRowsRequireTheirSessionRow()
    {
        await using var services = database.BuildServices();
        var sqlite = services.GetRequiredService<SqliteDatabase>();

        await Assert.ThrowsAsync<SqliteException>(() => sqlite.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                INSERT INTO pending_batches (session_id, ordinal, seq, event_count, data) VALUES ('missing', 0, 0, 0, x'')
                """);
            return command.ExecuteNonQuery();
        }, CancellationToken.None));
    }

    private string QueryPlan(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {sql}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join('\n', lines);
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
