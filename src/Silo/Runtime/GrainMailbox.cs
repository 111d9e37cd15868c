using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// The bounded queue in front of one activation. Besides the channel it counts admitted messages
/// (accepted from a sender but not yet taken by the reader); admission happens under a lock, so the
/// activation can close the mailbox at a moment when no message is queued and no sender is about
/// to add one. Closing never drops an admitted message: the writer completes once all have arrived.
/// </summary>
internal sealed class GrainMailbox
{
    private readonly Channel<MailboxItem> _channel;
    private readonly Lock _gate = new();
    private readonly GrainId _owner;
    private readonly TimeSpan _fullTimeout;
    private readonly TimeProvider _time;
    private int _admitted;
    private int _closed;

    public GrainMailbox(GrainId owner, GrainRuntimeOptions options, TimeProvider time)
    {
        _owner = owner;
        _fullTimeout = options.MailboxFullTimeout;
        _time = time;
        _channel = Channel.CreateBounded<MailboxItem>(new BoundedChannelOptions(options.MailboxCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>Whether a message is queued or a sender is on its way to queue one.</summary>
    public bool HasMessages => Volatile.Read(ref _admitted) > 0;

    /// <summary>
    /// Queues a message, waiting for room when the mailbox is full. False when the mailbox is closed:
    /// the activation is going away and the sender has to find the grain again.
    /// </summary>
    public ValueTask<bool> PostAsync(GrainRequest message)
    {
        lock (_gate)
        {
            if (_closed == 1)
            {
                return new ValueTask<bool>(false);
            }

            Interlocked.Increment(ref _admitted);
        }

        return _channel.Writer.TryWrite(message)
            ? new ValueTask<bool>(true)
            : new ValueTask<bool>(WaitForRoomAsync(message));
    }

    /// <summary>Queues a runtime signal if there is room right now; signals never wait and never block a close.</summary>
    public bool TryPostSignal(MailboxItem signal)
    {
        lock (_gate)
        {
            return _closed == 0 && _channel.Writer.TryWrite(signal);
        }
    }

    public ValueTask<bool> WaitToReadAsync() => _channel.Reader.WaitToReadAsync();

    public bool TryRead([MaybeNullWhen(false)] out MailboxItem item)
    {
        if (!_channel.Reader.TryRead(out item))
        {
            return false;
        }

        // Decrement then read the flag; Close writes the flag then reads the count. Both are full
        // fences, so at least one side sees the other and completes the writer.
        if (item is GrainRequest && Interlocked.Decrement(ref _admitted) == 0 && IsClosed)
        {
            CompleteIfDrained();
        }

        return true;
    }

    /// <summary>
    /// Stops admitting messages; those already admitted are still delivered, then reading ends.
    /// <paramref name="whenClosed"/> runs under the lock, so a sender turned away sees its effect.
    /// </summary>
    public void Close(Action? whenClosed = null)
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _closed, 1);
            whenClosed?.Invoke();
            if (Volatile.Read(ref _admitted) == 0)
            {
                _channel.Writer.TryComplete();
            }
        }
    }

    /// <summary>Closes only if no message is queued or on its way. Only the reader may call this.</summary>
    public bool TryCloseIfEmpty(Action whenClosed)
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _admitted) != 0)
            {
                return false;
            }

            Interlocked.Exchange(ref _closed, 1);
            whenClosed();
            _channel.Writer.TryComplete();
            return true;
        }
    }

    private async Task<bool> WaitForRoomAsync(GrainRequest message)
    {
        using var timeout = new CancellationTokenSource(_fullTimeout, _time);
        try
        {
            // The writer cannot complete under us: it only completes once every admitted message arrived.
            await _channel.Writer.WriteAsync(message, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Withdraw();
            throw new GrainMailboxFullException(_owner.TypeName, _owner.Key, _fullTimeout);
        }
    }

    private void Withdraw()
    {
        lock (_gate)
        {
            if (Interlocked.Decrement(ref _admitted) == 0 && _closed == 1)
            {
                _channel.Writer.TryComplete();
            }
        }
    }

    private void CompleteIfDrained()
    {
        lock (_gate)
        {
            if (_admitted == 0 && _closed == 1)
            {
                _channel.Writer.TryComplete();
            }
        }
    }
}
