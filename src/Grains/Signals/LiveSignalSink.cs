using SessionKit.Silo.Live;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>Tells agents watching the project at once (the hub bridge relays it as <c>SignalRaised</c>); nothing is published when nobody watches.</summary>
public sealed class LiveSignalSink(ILiveBus bus) : ISignalSink
{
    public async Task OnRaisedAsync(SessionRecord session, IReadOnlyList<Signal> raised, SessionScore score)
    {
        var topic = LiveTopics.Project(session.ProjectId);
        if (!bus.HasSubscribers(topic))
        {
            return;
        }

        foreach (var signal in raised)
        {
            await bus.PublishAsync(topic, new LiveSignalRaised(session.Id, session.ProjectId, score.Score, signal));
        }
    }
}
