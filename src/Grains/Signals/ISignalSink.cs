using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>
/// Hears of a session's new signals once they are stored (live viewers, alert rules). Called in the session's
/// grain: a sink must return quickly and queue anything slow (webhooks), so ingest never waits on it.
/// </summary>
public interface ISignalSink
{
    Task OnRaisedAsync(SessionRecord session, IReadOnlyList<Signal> raised, SessionScore score);
}
