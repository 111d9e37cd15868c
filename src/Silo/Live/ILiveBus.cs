namespace SessionKit.Silo.Live;

/// <summary>
/// Carries live messages from the node that owns a session to the nodes holding its viewers, by topic
/// (<see cref="LiveTopics"/>). Publishers never hold a hub. In one process it is a direct hand-off;
/// in a cluster it becomes a topic exchange with per-node queues bound only for watched topics.
/// Messages must be immutable, serializable records; order is kept per topic and publisher.
/// </summary>
public interface ILiveBus
{
    /// <summary>
    /// False only when no node can be listening to <paramref name="topic"/>; lets publishers skip work
    /// nobody wants. A bus that cannot tell (a cluster) answers true.
    /// </summary>
    bool HasSubscribers(string topic);

    ValueTask PublishAsync(string topic, object message);

    /// <summary>
    /// Starts delivering the topic's messages to <paramref name="handler"/> until disposed. Completes once
    /// every message published after it will reach the handler (in a cluster: once the broker has bound
    /// the topic), so a caller can subscribe first and then ask for state without missing what follows.
    /// Handlers are called in publish order and must return quickly (queue the work).
    /// </summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(string topic, Func<object, ValueTask> handler, CancellationToken cancellationToken);
}
