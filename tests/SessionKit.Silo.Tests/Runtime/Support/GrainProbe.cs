using System.Collections.Concurrent;

namespace SessionKit.Silo.Tests.Runtime.Support;

/// <summary>Counts lifecycle events per grain key (constructions per class) so tests can see what the runtime did.</summary>
public sealed class GrainProbe
{
    private readonly ConcurrentDictionary<(string Event, string Key), int> _counts = new();
    private readonly ConcurrentDictionary<string, CancellationToken> _timerTokens = new();

    public void Record(string @event, string key) => _counts.AddOrUpdate((@event, key), 1, static (_, count) => count + 1);

    public int Count(string @event, string key) => _counts.GetValueOrDefault((@event, key));

    public int Constructed(string grainClass) => Count(nameof(Constructed), grainClass);
    public int ActivationsStarted(string key) => Count(nameof(ActivationsStarted), key);
    public int Activated(string key) => Count(nameof(Activated), key);
    public int Deactivated(string key) => Count(nameof(Deactivated), key);
    public int Ticks(string key) => Count(nameof(Ticks), key);

    /// <summary>The token a grain's timer callback received; the runtime cancels it when it stops the timer.</summary>
    public CancellationToken TimerToken(string key) => _timerTokens.GetValueOrDefault(key);

    public void RecordTick(string key, CancellationToken timerToken)
    {
        _timerTokens[key] = timerToken;
        Record(nameof(Ticks), key);
    }
}
