using System.Diagnostics;

namespace SessionKit.Bench.Measurement;

/// <summary>
/// One thread that fires <c>slots</c> callbacks every <c>interval</c>, their phases spread evenly over
/// the interval (slot i at i/slots of it), so 1,000 simulated pages cost one thread and send at a steady
/// rate rather than in bursts. Callbacks run on this thread and must only start work, never wait.
/// </summary>
internal sealed class PacedScheduler : IDisposable
{
    private readonly int _slots;
    private readonly long _intervalTicks;
    private readonly Action<int> _fire;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public PacedScheduler(int slots, TimeSpan interval, Action<int> fire)
    {
        (_slots, _intervalTicks, _fire) = (slots, (long)(interval.TotalSeconds * Stopwatch.Frequency), fire);
        _thread = new Thread(Run) { IsBackground = true, Name = "paced-scheduler", Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>Times a slot fired later than due by more than 5 ms (the machine was too busy to keep the pace).</summary>
    public long LateFires { get; private set; }

    public long Fires { get; private set; }

    public void Start() => _thread.Start();

    public void Stop()
    {
        _stopping = true;
        _thread.Join();
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop();
        }
    }

    private void Run()
    {
        var start = Stopwatch.GetTimestamp();
        var tolerance = Stopwatch.Frequency / 200;
        long next = 0;
        while (!_stopping)
        {
            var now = Stopwatch.GetTimestamp() - start;
            // Fire number n is due at n * interval / slots.
            while (!_stopping && (long)((double)next * _intervalTicks / _slots) <= now)
            {
                if (now - (long)((double)next * _intervalTicks / _slots) > tolerance)
                {
                    LateFires++;
                }

                _fire((int)(next % _slots));
                next++;
                Fires++;
            }

            Thread.Sleep(1);
        }
    }
}
