using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SessionKit.Silo.Storage.Sqlite;

/// <summary>
/// The single writer. SQLite admits one writer at a time anyway; queueing writes to one connection
/// avoids lock contention and lets writes that queue up while a commit is syncing share the next
/// commit (group commit): each runs in its own savepoint, so one failing write leaves the others intact.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable, IDisposable
{
    // Bounds the time a caller waits behind others in one transaction.
    private const int MaxWritesPerCommit = 64;
    private const string SavepointName = "write";

    private readonly Channel<WriteRequest> queue =
        Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> openConnection;
    private readonly Task loop;
    private SqliteConnection? connection;

    public SqliteWriter(Func<SqliteConnection> openConnection)
    {
        this.openConnection = openConnection;
        loop = Task.Run(RunAsync);
    }

    public Task<T> ExecuteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new WriteRequest<T>(work, cancellationToken);
        if (!queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

        return request.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        connection?.Dispose();
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        loop.GetAwaiter().GetResult();
        connection?.Dispose();
    }

    private async Task RunAsync()
    {
        var group = new List<WriteRequest>(MaxWritesPerCommit);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxWritesPerCommit && queue.Reader.TryRead(out var request))
            {
                if (request.TryStart())
                {
                    group.Add(request);
                }
            }

            if (group.Count > 0)
            {
                Commit(group);
            }
        }
    }

    private void Commit(List<WriteRequest> group)
    {
        try
        {
            connection ??= openConnection();
            using var transaction = connection.BeginTransaction();
            foreach (var request in group)
            {
                transaction.Save(SavepointName);
                try
                {
                    request.Run(transaction);
                    transaction.Release(SavepointName);
                }
                catch (Exception exception)
                {
                    // Undo only this write. Should the error have aborted the whole transaction,
                    // the rollback throws and the group fails below.
                    transaction.Rollback(SavepointName);
                    transaction.Release(SavepointName);
                    request.Fail(exception);
                }
            }

            transaction.Commit();
            foreach (var request in group)
            {
                request.Complete();
            }
        }
        catch (Exception exception)
        {
            foreach (var request in group)
            {
                request.Fail(exception);
            }

            // The connection may be in an unknown state (I/O error, full disk); start afresh next time.
            connection?.Dispose();
            connection = null;
        }
    }

    private abstract class WriteRequest
    {
        public abstract bool TryStart();

        public abstract void Run(SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteRequest<T> : WriteRequest
    {
        private const int Queued = 0, Started = 1, Canceled = 2;

        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<SqliteTransaction, T> work;
        private readonly CancellationTokenRegistration registration;
        private int state;
        private T? result;
        private bool failed;

        public WriteRequest(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
        {
            this.work = work;
            // A write may be cancelled while it waits in the queue; once started it runs to its commit.
            registration = cancellationToken.Register(() =>
            {
                if (Interlocked.CompareExchange(ref state, Canceled, Queued) == Queued)
                {
                    completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        public Task<T> Completion => completion.Task;

        public override bool TryStart()
        {
            registration.Dispose();
            return Interlocked.CompareExchange(ref state, Started, Queued) == Queued;
        }

        public override void Run(SqliteTransaction transaction) => result = work(transaction);

        public override void Complete()
        {
            if (!failed)
            {
                completion.TrySetResult(result!);
            }
        }

        public override void Fail(Exception exception)
        {
            failed = true;
            completion.TrySetException(exception);
        }
    }
}
