using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>
/// The embedded database file and its connections: one dedicated write connection behind
/// <see cref="SqliteWriter"/>, and pooled read connections so a long streaming read never waits on writes.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    public const string FileName = "sessionkit.db";

    // Generous: the only other writer is a second process or a checkpoint, and waiting beats failing a write.
    private const int BusyTimeoutMs = 10_000;

    private readonly string connectionString;
    private readonly SqliteWriter writer;

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
        writer = new SqliteWriter(OpenWriteConnection);
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>Runs <paramref name="work"/> in a write transaction; completes once that transaction is durable.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(work, cancellationToken);

    public async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Pooled connections keep their pragmas, but a new one starts with SQLite's defaults.
            connection.Execute($"PRAGMA busy_timeout = {BusyTimeoutMs};");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection set up for writing; used by the writer and by migrations.</summary>
    public SqliteConnection OpenWriteConnection()
    {
        Directory.CreateDirectory(DataDirectory);
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // WAL lets readers run beside the writer. FULL syncs the WAL on every commit, so an
            // acknowledged write survives kill -9 and power loss, not only a crash of this process.
            connection.Execute(
                $"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMs};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync().ConfigureAwait(false);
        ReleasePooledConnections();
    }

    public void Dispose()
    {
        writer.Dispose();
        ReleasePooledConnections();
    }

    // Idle pooled readers would otherwise keep the file open after the store is gone.
    private void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
