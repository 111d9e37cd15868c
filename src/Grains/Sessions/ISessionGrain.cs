using SessionKit.Silo.Grains;

namespace SessionKit.Grains.Sessions;

/// <summary>One grain per recording session, keyed by session id.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    Task<StartSessionResult> StartAsync(StartSession command);

    /// <summary>Stores the batch durably before answering; a seq already stored is acknowledged once more and not stored again.</summary>
    Task<AppendBatchResult> AppendAsync(AppendBatch batch);

    /// <summary>Ends the session if it has had no activity since <paramref name="inactiveSince"/>.</summary>
    Task EndIfInactiveAsync(DateTimeOffset inactiveSince);
}
