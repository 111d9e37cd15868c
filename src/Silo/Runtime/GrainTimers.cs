namespace SessionKit.Silo.Runtime;

/// <summary>
/// The timers an activation's grain registered. Created with the first timer, since most grains have
/// none; once closed (the activation is going away) it disposes them and refuses new ones.
/// </summary>
internal sealed class GrainTimers
{
    /// <summary>Stands in for the timers of an activation that closed before registering any.</summary>
    public static readonly GrainTimers Closed = new() { _closed = true };

    private readonly Lock _gate = new();
    private readonly List<GrainTimer> _timers = [];
    private bool _closed;

    /// <summary>False when closed: the activation is deactivating.</summary>
    public bool TryAdd(GrainTimer timer)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _timers.Add(timer);
            }

            return !_closed;
        }
    }

    public void Remove(GrainTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    public void Close()
    {
        GrainTimer[] timers;
        lock (_gate)
        {
            _closed = true;
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
