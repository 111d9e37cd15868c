using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Storage.Sqlite;

namespace SessionKit.Silo.Tests.Storage.Sqlite;

public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase database = new();
    private StoreUnderTest store = null!;
    private ServiceProvider services = null!;

    private SqliteDatabase Sqlite => services.GetRequiredService<SqliteDatabase>();

    public async Task InitializeAsync()
    {
        store = await database.OpenAsync();
        services = database.BuildServices();
        await Sqlite.WriteAsync(transaction => Execute(transaction, "CREATE TABLE notes (text TEXT NOT NULL UNIQUE) STRICT"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AFailingWriteAmongConcurrentOnesUndoesOnlyItself()
    {
        var writes = Enumerable.Range(0, 50)
            .Select(i => Sqlite.WriteAsync(transaction => Insert(transaction, i == 25 ? "duplicate" : $"note {i}"), CancellationToken.None))
            .ToList();
        var failing = Sqlite.WriteAsync(transaction =>
        {
            Insert(transaction, "half of a failing write");
            return Insert(transaction, "duplicate");
        }, CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() => failing);

        await Task.WhenAll(writes);
        Assert.Equal(50L, await CountAsync("SELECT COUNT(*) FROM notes"));
        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM notes WHERE text = 'half of a failing write'"));
    }

    [Fact]
    public async Task AWriteCancelledBeforeItStartsIsNotApplied()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sqlite.WriteAsync(transaction => Insert(transaction, "cancelled"), cancelled.Token));

        Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public async Task AWriteIsVisibleToReadsOnceItCompletes()
    {
        await Sqlite.WriteAsync(transaction => Insert(transaction, "visible"), CancellationToken.None);

        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM notes WHERE text = 'visible'"));
    }

    [Fact]
    public async Task NoWriteIsAcceptedAfterDisposal()
    {
        var disposed = database.BuildServices();
        var sqlite = disposed.GetRequiredService<SqliteDatabase>();
        await disposed.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sqlite.WriteAsync(transaction => Insert(transaction, "late"), CancellationToken.None));
    }

    private static int Insert(SqliteTransaction transaction, string text)
    {
        using var command = transaction.CreateCommand("INSERT INTO notes (text) VALUES ($text)").With("$text", text);
        return command.ExecuteNonQuery();
    }

    private static int Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.CreateCommand(sql);
        return command.ExecuteNonQuery();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await Sqlite.OpenReadConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
