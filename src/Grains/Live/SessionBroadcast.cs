using SessionKit.Grains.Sessions;
using SessionKit.Silo.Live;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Live;

/// <summary>
/// What a session grain tells the live bus: its batches to viewers, viewer counts, consent, and its summary
/// to project watchers (throttled, with the last change always sent). Publishes only; the grain decides when.
/// </summary>
public sealed class SessionBroadcast(string sessionId, SessionLive live, ILiveBus bus)
{
    private readonly string _sessionTopic = LiveTopics.Session(sessionId);

    /// <summary>Sends a stored batch to the viewers, when someone watches with consent where it is needed.</summary>
    public ValueTask BatchAsync(SessionRecord session, long ordinal, ReadOnlyMemory<byte> eventsJson) =>
        live.Streams(session) ? bus.PublishAsync(_sessionTopic, new LiveBatchPublished(sessionId, ordinal, eventsJson)) : ValueTask.CompletedTask;

    /// <summary>An activity update for project watchers, unless the throttle holds it back for the next tick.</summary>
    public ValueTask ActivityAsync(SessionRecord session) =>
        live.SummaryDue() ? SummaryAsync(LiveSessionChange.Updated, session) : ValueTask.CompletedTask;

    public async ValueTask ViewersAsync(SessionRecord session)
    {
        await bus.PublishAsync(_sessionTopic, new LiveViewersChanged(sessionId, live.Viewers));
        await SummaryAsync(LiveSessionChange.Updated, session);
    }

    public ValueTask ConsentAsync(SessionRecord session) =>
        bus.PublishAsync(_sessionTopic, new LiveConsentChanged(sessionId, live.Status(session)));

    public ValueTask SummaryAsync(LiveSessionChange change, SessionRecord session)
    {
        var topic = LiveTopics.Project(session.ProjectId);
        return bus.HasSubscribers(topic)
            ? bus.PublishAsync(topic, new LiveSessionPublished(change, live.Summary(session)))
            : ValueTask.CompletedTask;
    }

    /// <summary>
    /// The grain's live timer: reports viewers whose leases lapsed, or sends a summary the throttle held back.
    /// False once nothing is left to tick for.
    /// </summary>
    public async ValueTask<bool> TickAsync(SessionRecord session)
    {
        if (live.ViewersChanged())
        {
            await ViewersAsync(session);
        }
        else if (live.PendingSummaryDue())
        {
            await SummaryAsync(LiveSessionChange.Updated, session);
        }

        return live.NeedsTicks;
    }
}
