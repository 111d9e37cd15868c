using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Storage;

namespace SessionKit.Testing;

/// <summary>What a test wants to happen before the real store runs: throw, or wait on a gate.</summary>
public sealed class SessionStoreHooks
{
    public Func<string, Task>? BeforeGetSession { get; init; }

    public Func<PendingBatch, Task>? BeforeAppendBatch { get; init; }
}

/// <summary>The app's real session store, with <see cref="SessionStoreHooks"/> run before some of its calls.</summary>
public sealed class InterceptingSessionStore(ISessionStore inner, SessionStoreHooks hooks) : ISessionStore
{
    public Task<bool> TryCreateSessionAsync(SessionRecord session, CancellationToken cancellationToken) =>
        inner.TryCreateSessionAsync(session, cancellationToken);

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (hooks.BeforeGetSession is { } hook)
        {
            await hook(sessionId);
        }

        return await inner.GetSessionAsync(sessionId, cancellationToken);
    }

    public Task<byte[]?> GetBlobAsync(string sessionId, string hash, CancellationToken cancellationToken) =>
        inner.GetBlobAsync(sessionId, hash, cancellationToken);

    public Task UpdateSessionAsync(SessionRecord session, CancellationToken cancellationToken) =>
        inner.UpdateSessionAsync(session, cancellationToken);

    public async Task AppendBatchAsync(SessionRecord session, PendingBatch batch, CancellationToken cancellationToken)
    {
        if (hooks.BeforeAppendBatch is { } hook)
        {
            await hook(batch);
        }

        await inner.AppendBatchAsync(session, batch, cancellationToken);
    }

    public Task<IReadOnlyList<PendingBatch>> GetPendingBatchesAsync(string sessionId, CancellationToken cancellationToken) =>
        inner.GetPendingBatchesAsync(sessionId, cancellationToken);

    public Task WriteChunkAsync(SessionRecord session, EventChunk chunk, CancellationToken cancellationToken) =>
        inner.WriteChunkAsync(session, chunk, cancellationToken);

    public IAsyncEnumerable<StoredSegment> ReadSegmentsAsync(string sessionId, CancellationToken cancellationToken) =>
        inner.ReadSegmentsAsync(sessionId, cancellationToken);

    public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken) =>
        inner.ListSessionsAsync(query, cancellationToken);

    public Task<IReadOnlyList<string>> FindInactiveSessionIdsAsync(
        DateTimeOffset lastActivityBefore, int limit, CancellationToken cancellationToken) =>
        inner.FindInactiveSessionIdsAsync(lastActivityBefore, limit, cancellationToken);
}

public static class InterceptingSessionStoreExtensions
{
    /// <summary>Wraps the registered <see cref="ISessionStore"/> (whatever its implementation) in an <see cref="InterceptingSessionStore"/>.</summary>
    public static IServiceCollection InterceptSessionStore(this IServiceCollection services, SessionStoreHooks hooks)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ISessionStore));
        var type = registered.ImplementationType
            ?? throw new InvalidOperationException("The session store is not registered by type; cannot wrap it.");
        services.Remove(registered);
        services.AddSingleton<ISessionStore>(provider =>
            new InterceptingSessionStore((ISessionStore)ActivatorUtilities.CreateInstance(provider, type), hooks));
        return services;
    }
}
