using System.Text.Json;
using System.Threading.Channels;

namespace SessionKit.Testing.Live;

/// <summary>An invocation the server sent to this client: the hub's <c>Clients.X.Target(args)</c>.</summary>
public sealed record LiveHubMessage(string Target, JsonElement[] Arguments);

/// <summary>
/// Everything the server invoked on one client, kept per target and in arrival order, with
/// waiters for a message that has not arrived yet. Thread-safe.
/// </summary>
internal sealed class LiveHubRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<JsonElement[]>> _byTarget = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Waiter> _waiters = [];
    private readonly Channel<LiveHubMessage> _messages = Channel.CreateUnbounded<LiveHubMessage>(
        new UnboundedChannelOptions { SingleWriter = true });

    private Exception? _closedBy;

    public ChannelReader<LiveHubMessage> Messages => _messages.Reader;

    public void Record(string target, JsonElement[] arguments)
    {
        lock (_gate)
        {
            if (!_byTarget.TryGetValue(target, out var list))
            {
                _byTarget[target] = list = [];
            }

            list.Add(arguments);
            _messages.Writer.TryWrite(new LiveHubMessage(target, arguments));
            foreach (var waiter in _waiters.ToList())
            {
                // Continuations run asynchronously, so completing under the lock is safe.
                if (waiter.TryComplete(target, arguments))
                {
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    public IReadOnlyList<JsonElement[]> Received(string target)
    {
        lock (_gate)
        {
            return _byTarget.TryGetValue(target, out var list) ? [.. list] : [];
        }
    }

    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(
        string target, Func<JsonElement[], bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(target, predicate);
        lock (_gate)
        {
            var earlier = _byTarget.GetValueOrDefault(target)?.FirstOrDefault(predicate);
            if (earlier is not null)
            {
                return earlier;
            }

            if (_closedBy is not null)
            {
                throw new LiveHubException($"No matching '{target}' arrived before the connection closed.", _closedBy);
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            var count = Received(target).Count;
            throw new TimeoutException(
                $"No matching '{target}' within {timeout.TotalSeconds:0.#} s ({count} non-matching '{target}' received).");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Fails the pending waiters and ends <see cref="Messages"/>; later waits fail at once if nothing matches.</summary>
    public void Close(Exception reason)
    {
        List<Waiter> pending;
        lock (_gate)
        {
            _closedBy ??= reason;
            pending = [.. _waiters];
            _waiters.Clear();
            _messages.Writer.TryComplete();
        }

        foreach (var waiter in pending)
        {
            waiter.Completion.TrySetException(
                new LiveHubException($"No matching '{waiter.Target}' arrived before the connection closed.", reason));
        }
    }

    private sealed class Waiter(string target, Func<JsonElement[], bool> predicate)
    {
        public string Target { get; } = target;

        public TaskCompletionSource<JsonElement[]> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes the wait when the message matches; a throwing predicate fails the wait, not the receive loop.</summary>
        public bool TryComplete(string messageTarget, JsonElement[] arguments)
        {
            if (!string.Equals(Target, messageTarget, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            try
            {
                return predicate(arguments) && Completion.TrySetResult(arguments);
            }
#pragma warning disable CA1031 // The predicate is the test's code; its failure belongs to the waiting test.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                return Completion.TrySetException(exception);
            }
        }
    }
}
