using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace SessionKit.Silo.Live;

/// <summary>This node's live handlers by topic; both buses deliver through it.</summary>
public sealed class LiveSubscriptions
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Func<object, ValueTask>>> _handlers = new(StringComparer.Ordinal);

    public bool Any(string topic) => _handlers.TryGetValue(topic, out var handlers) && !handlers.IsEmpty;

    /// <summary>Adds the handler; true when it is the topic's first.</summary>
    public bool Add(string topic, Func<object, ValueTask> handler)
    {
        var first = false;
        _handlers.AddOrUpdate(topic, _ => { first = true; return [handler]; }, (_, handlers) =>
        {
            first = handlers.IsEmpty;
            return handlers.Add(handler);
        });
        return first;
    }

    /// <summary>Removes the handler; true when it was the topic's last.</summary>
    public bool Remove(string topic, Func<object, ValueTask> handler)
    {
        while (_handlers.TryGetValue(topic, out var handlers))
        {
            var remaining = handlers.Remove(handler);
            var replaced = remaining.IsEmpty
                ? _handlers.TryRemove(KeyValuePair.Create(topic, handlers))
                : _handlers.TryUpdate(topic, remaining, handlers);
            if (replaced)
            {
                return remaining.IsEmpty;
            }
        }

        return false;
    }

    /// <summary>Calls the topic's handlers in the order they subscribed.</summary>
    public async ValueTask DeliverAsync(string topic, object message)
    {
        if (!_handlers.TryGetValue(topic, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            await handler(message).ConfigureAwait(false);
        }
    }
}
