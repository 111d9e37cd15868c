using SessionKit.Grains.Sessions;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Visitors;

/// <summary>
/// The session grain's one step towards visitors: tells the device's visitor grain about a session's first
/// batch (so anonymous sessions are linked too) and about every batch carrying identify or tab announcements.
/// Called before the batch is stored, so a failure fails the batch and the SDK's resend repeats it; the
/// visitor grain is idempotent. Other batches cost nothing beyond a byte search.
/// </summary>
public static class VisitorForwarding
{
    public static Task ForwardAsync(IGrainFactory grains, SessionRecord session, AppendBatch batch)
    {
        var (identifies, tabs) = VisitorSignals.Read(batch.EventsJson, session.TabId);
        if (session.BatchCount != 1 && identifies.Count == 0 && tabs.Count == 0)
        {
            return Task.CompletedTask;
        }

        var visitorId = IdentityKeys.VisitorIdOf(session.Id, session.VisitorId);
        var activity = new SessionActivity(session.Id, session.ProjectId, session.TabId, session.FirstEventAt, identifies, tabs);
        return grains.Get<IVisitorGrain>(IdentityKeys.Visitor(session.ProjectId, visitorId)).NoteAsync(activity);
    }
}
