using SessionKit.Grains.Sessions;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Visitors;

/// <summary>
/// The session grain's one step towards visitors: tells the device's visitor grain about a session's first
/// batch and its first batch with events (so anonymous sessions are linked too, at their start) and about
/// every batch carrying identify or tab announcements.
/// Called before the batch is stored, so a failure fails the batch and the SDK's resend repeats it; the
/// visitor grain is idempotent. Other batches cost nothing beyond a byte search.
/// </summary>
public static class VisitorForwarding
{
    public static Task ForwardAsync(IGrainFactory grains, SessionRecord session, AppendBatch batch)
    {
        var (identifies, tabs) = VisitorSignals.Read(batch.EventsJson.Span, session.TabId);
        // The first batch links the session; the first with events tells when it started (an SDK's first
        // batch may be an empty heartbeat), which places it among the device's identifies.
        var firstWithEvents = batch.EventCount > 0 && session.EventCount == batch.EventCount;
        if (session.BatchCount != 1 && !firstWithEvents && identifies.Count == 0 && tabs.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Without a visitor id (storage-less SDK, API clients) the session is a device of its own: nothing
        // to link or order until it identifies, so no grain is woken for it before then.
        if (session.VisitorId is null && identifies.Count == 0)
        {
            return Task.CompletedTask;
        }

        var visitorId = IdentityKeys.VisitorIdOf(session.Id, session.VisitorId);
        var activity = new SessionActivity(session.Id, session.ProjectId, session.TabId, session.FirstEventAt, identifies, tabs);
        return grains.Get<IVisitorGrain>(IdentityKeys.Visitor(session.ProjectId, visitorId)).NoteAsync(activity);
    }
}
