using System.Threading.Tasks.Sources;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// The pending <see cref="GrainMailbox.WaitToReadAsync"/> of a mailbox's one reader, reused for every
/// wait so that waking an idle activation allocates nothing. The reader's continuation always runs on
/// the thread pool (queued, as a Channel queues it), never inline in the sender that woke it, and is
/// queued only after the mailbox's lock is released (<see cref="Resume"/>), so that waking a worker
/// thread never happens while the reader may need the lock.
/// </summary>
internal sealed class MailboxReader : IValueTaskSource<bool>
{
    // Stands in for the continuation once the wait completed before one was registered.
    private static readonly Action<object?> Completed = static _ => { };

    private Action<object?>? _continuation;
    private Action<object?>? _signalled;
    private object? _state;
    private ExecutionContext? _context;
    private bool _waiting;
    private bool _result;
    private volatile bool _done;
    private short _token;

    /// <summary>Starts a wait; called under the mailbox's lock when nothing can be read.</summary>
    public ValueTask<bool> Wait()
    {
        _waiting = true;
        _done = false;
        _continuation = null;
        return new ValueTask<bool>(this, ++_token);
    }

    /// <summary>Ends a pending wait with <paramref name="result"/>; called under the mailbox's lock, does nothing when no wait is pending. Follow with <see cref="Resume"/>.</summary>
    public void Signal(bool result)
    {
        if (!_waiting)
        {
            return;
        }

        _waiting = false;
        _result = result;
        _done = true;
        var continuation = Interlocked.Exchange(ref _continuation, Completed);
        if (continuation is not null)
        {
            Volatile.Write(ref _signalled, continuation);
        }
    }

    /// <summary>Queues the continuation a <see cref="Signal"/> under the lock released; called after releasing it, by whoever signalled or any later caller.</summary>
    public void Resume()
    {
        if (Volatile.Read(ref _signalled) is not null && Interlocked.Exchange(ref _signalled, null) is { } continuation)
        {
            Schedule(continuation, _state, _context);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        Validate(token);
        return _done ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;
    }

    public bool GetResult(short token)
    {
        Validate(token);
        if (!_done)
        {
            throw new InvalidOperationException("The mailbox wait has not completed.");
        }

        return _result;
    }

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Validate(token);
        _state = state;
        _context = (flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0 ? ExecutionContext.Capture() : null;
        if (Interlocked.CompareExchange(ref _continuation, continuation, null) is not null)
        {
            // Signalled in between.
            Schedule(continuation, state, _context);
        }
    }

    private static void Schedule(Action<object?> continuation, object? state, ExecutionContext? context)
    {
        if (context is null)
        {
            // An async method's continuation is queued as it is, without a wrapper.
            ThreadPool.UnsafeQueueUserWorkItem(continuation, state, preferLocal: false);
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(
            static work => ExecutionContext.Run(work.Context, Invoke, work.Callback),
            (Context: context, Callback: (continuation, state)),
            preferLocal: false);
    }

    private static void Invoke(object? callback)
    {
        var (continuation, state) = ((Action<object?>, object?))callback!;
        continuation(state);
    }

    private void Validate(short token)
    {
        if (token != _token)
        {
            throw new InvalidOperationException("The mailbox wait was already consumed.");
        }
    }
}
