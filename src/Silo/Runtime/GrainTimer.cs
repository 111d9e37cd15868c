namespace SessionKit.Silo.Runtime;

/// <summary>
/// A grain timer. Each tick is queued in the activation's mailbox as a signal, so the callback never
/// overlaps a message and does not count as activity. At most one tick waits in the mailbox: a busy
/// grain skips ticks instead of piling them up.
/// </summary>
internal sealed class GrainTimer : MailboxItem, IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _stopped = new();
    private ITimer? _timer;
    private int _queued;
    private int _disposed;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback)
    {
        _activation = activation;
        _callback = callback;
    }

    public void Start(TimeProvider time, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == TimeSpan.Zero && period == Timeout.InfiniteTimeSpan)
        {
            // Due now, once (a follow-up turn, one per ingest batch): queued at once, without a timer and the hop
            // through the timer thread that would only queue it a moment later.
            OnTick();
            return;
        }

        _timer = time.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, dueTime, period);
    }

    /// <summary>Runs the callback; called by the activation's loop only.</summary>
    public Task RunAsync()
    {
        Volatile.Write(ref _queued, 0);
        return Volatile.Read(ref _disposed) == 1 ? Task.CompletedTask : _callback(_stopped.Token);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _timer?.Dispose();
        // Not disposed: a callback may still hold the token, and without a timeout it owns no resources.
        _stopped.Cancel();
        _activation.Forget(this);
    }

    private void OnTick()
    {
        if (Volatile.Read(ref _disposed) == 1 || Interlocked.Exchange(ref _queued, 1) == 1)
        {
            return;
        }

        if (!_activation.TryPostTick(this))
        {
            Volatile.Write(ref _queued, 0);
        }
    }
}
