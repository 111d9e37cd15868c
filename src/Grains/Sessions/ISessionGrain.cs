using SessionKit.Grains.Live;
using SessionKit.Silo.Grains;

namespace SessionKit.Grains.Sessions;

/// <summary>One grain per recording session, keyed by session id.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    Task<StartSessionResult> StartAsync(StartSession command);

    /// <summary>
    /// Stores the batch durably before answering; a seq already stored is acknowledged once more and not
    /// stored again. A seq that would wait above a gap already holding the maximum is refused, not stored.
    /// </summary>
    Task<AppendBatchResult> AppendAsync(AppendBatch batch);

    /// <summary>Ends the session if it has had no activity since <paramref name="inactiveSince"/>.</summary>
    Task EndIfInactiveAsync(DateTimeOffset inactiveSince);

    /// <summary>Renews a node's viewer lease and returns the catch-up for a new viewer; null for an unknown session.</summary>
    Task<LiveCatchUp?> WatchAsync(ViewerLease lease);

    /// <summary>Renews or (with 0 viewers) releases a node's viewer lease.</summary>
    Task SetViewersAsync(ViewerLease lease);

    /// <summary>Records the visitor's answer to being watched; false for an unknown session.</summary>
    Task<bool> SetLiveConsentAsync(bool granted);
}
