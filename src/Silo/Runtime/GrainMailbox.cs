using System.Diagnostics.CodeAnalysis;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// The bounded queue in front of one activation, read by its loop alone. Besides the queue it counts
/// admitted messages (accepted from a sender but not yet taken by the reader, whether queued or waiting
/// for room); admission happens under the lock, so the activation can close the mailbox at a moment
/// when no message is queued and no sender is about to add one. Closing never drops an admitted
/// message: reading ends once all have been read.
/// </summary>
/// <remarks>
/// One lock per post and per read, and a small ring buffer that grows with what is queued: a bare
/// Channel costs a second lock per post and per read, and about 600 bytes per idle grain.
/// </remarks>
internal sealed class GrainMailbox
{
    private const int InitialSlots = 4;

    private readonly Lock _gate = new();
    private readonly GrainId _owner;
    private readonly int _capacity;
    private readonly TimeSpan _fullTimeout;
    private readonly TimeProvider _time;
    private readonly MailboxReader _reader = new();
    private MailboxItem?[] _slots = [];
    private int _head;
    private int _count;
    private LinkedList<WaitingSender>? _senders;
    private int _admitted;
    private int _closed;
    private bool _completed;

    public GrainMailbox(GrainId owner, GrainRuntimeOptions options, TimeProvider time)
    {
        _owner = owner;
        _capacity = options.MailboxCapacity;
        _fullTimeout = options.MailboxFullTimeout;
        _time = time;
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
        WaitingSender? sender = null;
        lock (_gate)
        {
            if (_closed == 1)
            {
                return new ValueTask<bool>(false);
            }

            _admitted++;
            if (!TryEnqueue(message))
            {
                // Full: wait in line; the reader moves waiting messages in, in their order, as it makes room.
                sender = new WaitingSender(message);
                (_senders ??= new()).AddLast(sender.Node);
            }
        }

        if (sender is null)
        {
            _reader.Resume();
            return new ValueTask<bool>(true);
        }

        return new ValueTask<bool>(WaitForRoomAsync(sender));
    }

    /// <summary>
    /// Queues a runtime signal unless the mailbox is closed; signals never wait and never block a close.
    /// </summary>
    /// <remarks>
    /// Queued even when the mailbox is full or senders wait for room: a refused one-shot tick (a follow-up turn)
    /// would be lost for good. Each timer keeps at most one tick queued and the idle check is one, so signals
    /// add only a few items beyond the capacity.
    /// </remarks>
    public bool TryPostSignal(MailboxItem signal)
    {
        lock (_gate)
        {
            if (_closed == 1)
            {
                return false;
            }

            Enqueue(signal);
        }

        _reader.Resume();
        return true;
    }

    /// <summary>True once something can be read, false once the mailbox is closed and everything admitted was read.</summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        // Only the reader takes items out, so a count it sees above zero stays so; at zero, check under the lock.
        if (Volatile.Read(ref _count) > 0)
        {
            return new ValueTask<bool>(true);
        }

        lock (_gate)
        {
            return _count > 0 || _completed ? new ValueTask<bool>(_count > 0) : _reader.Wait();
        }
    }

    public bool TryRead([MaybeNullWhen(false)] out MailboxItem item)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            // Emptied by this reader; anything posted since is found by the next wait.
            item = null;
            return false;
        }

        lock (_gate)
        {
            if (_count == 0)
            {
                item = null;
                return false;
            }

            item = _slots[_head]!;
            _slots[_head] = null;
            _head = (_head + 1) % _slots.Length;
            _count--;
            if (_senders?.First is { } first)
            {
                // Room for the first sender in line; it stays admitted until read.
                _senders.RemoveFirst();
                Enqueue(first.Value.Message);
                first.Value.Queued();
            }

            if (item is GrainRequest && --_admitted == 0 && _closed == 1)
            {
                _completed = true;
            }

            return true;
        }
    }

    /// <summary>
    /// Stops admitting messages; those already admitted are still delivered, then reading ends.
    /// <paramref name="whenClosed"/> runs under the lock, so a sender turned away sees its effect.
    /// </summary>
    public void Close(Action? whenClosed = null)
    {
        lock (_gate)
        {
            Volatile.Write(ref _closed, 1);
            whenClosed?.Invoke();
            if (_admitted == 0)
            {
                Complete();
            }
        }

        _reader.Resume();
    }

    /// <summary>Closes only if no message is queued or on its way. Only the reader may call this.</summary>
    public bool TryCloseIfEmpty(Action whenClosed)
    {
        lock (_gate)
        {
            if (_admitted != 0)
            {
                return false;
            }

            Volatile.Write(ref _closed, 1);
            whenClosed();
            Complete();
        }

        _reader.Resume();
        return true;
    }

    // Under the lock, as are the methods below. Full while senders wait in line: they go first.
    private bool TryEnqueue(MailboxItem item)
    {
        if (_count >= _capacity || _senders?.Count > 0)
        {
            return false;
        }

        Enqueue(item);
        return true;
    }

    private void Enqueue(MailboxItem item)
    {
        if (_count == _slots.Length)
        {
            Grow();
        }

        _slots[(_head + _count) % _slots.Length] = item;
        _count++;
        _reader.Signal(true);
    }

    private void Grow()
    {
        // Up to the capacity for messages; beyond it only for the few signals queued over it.
        var size = Math.Max(InitialSlots, _slots.Length * 2);
        var slots = new MailboxItem?[_count < _capacity ? Math.Min(_capacity, size) : size];
        for (var i = 0; i < _count; i++)
        {
            slots[i] = _slots[(_head + i) % _slots.Length];
        }

        _slots = slots;
        _head = 0;
    }

    private void Complete()
    {
        _completed = true;
        _reader.Signal(_count > 0);
    }

    private async Task<bool> WaitForRoomAsync(WaitingSender sender)
    {
        using var timeout = new CancellationTokenSource(_fullTimeout, _time);
        await using (timeout.Token.UnsafeRegister(static state => ((WaitingSender)state!).TimedOut(), sender))
        {
            if (await sender.Outcome.ConfigureAwait(false))
            {
                return true;
            }
        }

        // The reader did not reach it in time: take it back, unless the reader just did.
        lock (_gate)
        {
            if (sender.Node.List is null)
            {
                return true;
            }

            _senders!.Remove(sender.Node);
            if (--_admitted == 0 && _closed == 1)
            {
                Complete();
            }
        }

        _reader.Resume();

        throw new GrainMailboxFullException(_owner.TypeName, _owner.Key, _fullTimeout);
    }

    /// <summary>A message waiting for room; true once it is queued, false when its wait timed out first.</summary>
    private sealed class WaitingSender
    {
        private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WaitingSender(GrainRequest message)
        {
            Message = message;
            Node = new LinkedListNode<WaitingSender>(this);
        }

        public GrainRequest Message { get; }

        public LinkedListNode<WaitingSender> Node { get; }

        public Task<bool> Outcome => _outcome.Task;

        public void Queued() => _outcome.TrySetResult(true);

        public void TimedOut() => _outcome.TrySetResult(false);
    }
}
