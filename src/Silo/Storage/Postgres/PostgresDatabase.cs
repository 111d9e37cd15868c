using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> for the whole process, and the one
/// place where store operations are run, so every store reports failures the same way (see <see cref="PostgresErrors"/>).
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(IOptions<PostgresOptions> options, ILoggerFactory loggerFactory)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        // Names the server's connections in pg_stat_activity unless the operator chose a name.
        connection.ApplicationName ??= "SessionKit";
        DatabaseName = connection.Database ?? connection.Username ?? "postgres";
        DataSource = new NpgsqlDataSourceBuilder(connection.ConnectionString)
            .UseLoggerFactory(loggerFactory)
            .Build();
    }

    /// <summary>Shared with other PostgreSQL users in the silo (cluster membership), so the process keeps one pool.</summary>
    internal NpgsqlDataSource DataSource { get; }

    /// <summary>For messages; never the connection string, which may hold a password.</summary>
    public string DatabaseName { get; }

    /// <summary>
    /// Runs a store operation. An unreachable database becomes <see cref="StorageUnavailableException"/>; a
    /// unique violation becomes <see cref="StorageConflictException"/> with <paramref name="duplicateMessage"/>
    /// when one is given.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlDataSource, Task<T>> operation, string? duplicateMessage = null)
    {
        try
        {
            return await operation(DataSource).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(exception, duplicateMessage) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Like <see cref="RunAsync{T}"/> for a streaming read: failures while opening or reading are translated.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        Func<NpgsqlDataSource, CancellationToken, IAsyncEnumerable<T>> operation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = operation(DataSource, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception exception) when (Translate(exception, duplicateMessage: null) is { } translated)
                {
                    throw translated;
                }

                yield return rows.Current;
            }
        }
        finally
        {
            await rows.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous twin of <see cref="RunAsync{T}"/>, for callers with a synchronous contract (data protection).</summary>
    public T Run<T>(Func<NpgsqlDataSource, T> operation)
    {
        try
        {
            return operation(DataSource);
        }
        catch (Exception exception) when (Translate(exception, duplicateMessage: null) is { } translated)
        {
            throw translated;
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();

    private Exception? Translate(Exception exception, string? duplicateMessage)
    {
        if (duplicateMessage is not null && PostgresErrors.IsUniqueViolation(exception))
        {
            return new StorageConflictException(duplicateMessage, exception);
        }

        if (!PostgresErrors.IsUnavailable(exception))
        {
            return null;
        }

        // After a server restart every idle pooled connection is dead: drop them all now rather than
        // failing one request per stale connection.
        DataSource.Clear();
        return new StorageUnavailableException(
            $"The PostgreSQL database {DatabaseName} cannot be reached: {exception.Message}", exception);
    }
}
