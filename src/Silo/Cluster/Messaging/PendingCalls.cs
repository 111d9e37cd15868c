using System.Collections.Concurrent;

namespace SessionKit.Silo.Cluster.Messaging;

/// <summary>
/// Calls this node sent and whose replies it awaits, by correlation id. A reply is decoded into the
/// caller's result type while its bytes are valid (inside the broker's delivery callback).
/// </summary>
internal sealed class PendingCalls
{
    private readonly ConcurrentDictionary<string, IPendingCall> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    /// <summary>Registers a call; its task fails with <see cref="GrainCallTimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<TResult> Register<TResult>(string correlationId, string grain, TimeSpan timeout)
    {
        var call = new PendingCall<TResult>(() => _calls.TryRemove(correlationId, out _));
        _calls[correlationId] = call;
        call.StartTimer(grain, timeout);
        return call.Task;
    }

    /// <summary>Completes the call the reply belongs to; false when nobody waits for it (timed out, or another node's).</summary>
    public bool Complete(string correlationId, ReadOnlySpan<byte> reply)
    {
        if (!_calls.TryRemove(correlationId, out var call))
        {
            return false;
        }

        call.Complete(reply);
        return true;
    }

    public void Fail(string correlationId, Exception exception)
    {
        if (_calls.TryRemove(correlationId, out var call))
        {
            call.Fail(exception);
        }
    }

    /// <summary>Fails every waiting call: the replies cannot arrive (the broker connection is gone).</summary>
    public void FailAll(Exception exception)
    {
        foreach (var correlationId in _calls.Keys)
        {
            Fail(correlationId, exception);
        }
    }

    private interface IPendingCall
    {
        void Complete(ReadOnlySpan<byte> reply);

        void Fail(Exception exception);
    }

    private sealed class PendingCall<TResult>(Action forget) : IPendingCall
    {
        private readonly TaskCompletionSource<TResult> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Timer? _timer;

        public Task<TResult> Task => _reply.Task;

        public void StartTimer(string grain, TimeSpan timeout) =>
            _timer = new Timer(_ =>
            {
                forget();
                Fail(new GrainCallTimeoutException(grain, timeout));
            }, null, timeout, Timeout.InfiniteTimeSpan);

        public void Complete(ReadOnlySpan<byte> reply)
        {
            _timer?.Dispose();
            try
            {
                _reply.TrySetResult(GrainMessageCodec.DecodeReply<TResult>(reply));
            }
            catch (OperationCanceledException canceled)
            {
                _reply.TrySetCanceled(canceled.CancellationToken);
            }
            catch (Exception exception)
            {
                _reply.TrySetException(exception);
            }
        }

        public void Fail(Exception exception)
        {
            _timer?.Dispose();
            _reply.TrySetException(exception);
        }
    }
}
