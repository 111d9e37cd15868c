namespace SessionKit.Silo.Live;

/// <summary>Ends a subscription once, however often it is disposed.</summary>
public sealed class LiveSubscription(Func<ValueTask> unsubscribe) : IAsyncDisposable
{
    private int _disposed;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? unsubscribe() : ValueTask.CompletedTask;
}
