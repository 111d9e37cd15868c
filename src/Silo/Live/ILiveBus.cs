namespace SessionKit.Silo.Live;

/// <summary>
/// Carries live messages from the node that owns a session to the nodes holding its viewers, by topic
/// (<see cref="LiveTopics"/>). Publishers never hold a hub. In one process it is a direct hand-off;
/// in a cluster it becomes a topic exchange with per-node queues bound only for watched topics.
/// Messages must be immutable, serializable records; order is kept per topic and publisher.
/// </summary>
public interface ILiveBus
{
    /// <summary>True when some node listens to <paramref name="topic"/>; lets publishers skip work nobody wants.</summary>
    bool HasSubscribers(string topic);

    ValueTask PublishAsync(string topic, object message);

    /// <summary>
    /// Starts delivering the topic's messages to <paramref name="handler"/> until disposed. Handlers
    /// are called in publish order and must return quickly (queue the work): they run on the publisher's turn.
    /// </summary>
    IDisposable Subscribe(string topic, Func<object, ValueTask> handler);
}
