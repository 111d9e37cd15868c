namespace SessionKit.Silo.Live;

/// <summary>The live bus of a single node: publishing calls the topic's subscribers directly, in order.</summary>
public sealed class InProcessLiveBus : ILiveBus
{
    private readonly LiveSubscriptions _subscriptions = new();

    public bool HasSubscribers(string topic) => _subscriptions.Any(topic);

    public ValueTask PublishAsync(string topic, object message) => _subscriptions.DeliverAsync(topic, message);

    public ValueTask<IAsyncDisposable> SubscribeAsync(string topic, Func<object, ValueTask> handler, CancellationToken cancellationToken)
    {
        _subscriptions.Add(topic, handler);
        return ValueTask.FromResult<IAsyncDisposable>(new LiveSubscription(() =>
        {
            _subscriptions.Remove(topic, handler);
            return ValueTask.CompletedTask;
        }));
    }
}
