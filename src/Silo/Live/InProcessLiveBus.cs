using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace SessionKit.Silo.Live;

/// <summary>The live bus of a single node: publishing calls the topic's subscribers directly, in order.</summary>
public sealed class InProcessLiveBus : ILiveBus
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Func<object, ValueTask>>> _subscribers = new(StringComparer.Ordinal);

    public bool HasSubscribers(string topic) => _subscribers.TryGetValue(topic, out var handlers) && !handlers.IsEmpty;

    public async ValueTask PublishAsync(string topic, object message)
    {
        if (!_subscribers.TryGetValue(topic, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            await handler(message);
        }
    }

    public IDisposable Subscribe(string topic, Func<object, ValueTask> handler)
    {
        _subscribers.AddOrUpdate(topic, _ => [handler], (_, handlers) => handlers.Add(handler));
        return new Subscription(() =>
        {
            while (_subscribers.TryGetValue(topic, out var handlers))
            {
                var remaining = handlers.Remove(handler);
                var replaced = remaining.IsEmpty
                    ? _subscribers.TryRemove(KeyValuePair.Create(topic, handlers))
                    : _subscribers.TryUpdate(topic, remaining, handlers);
                if (replaced)
                {
                    return;
                }
            }
        });
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
