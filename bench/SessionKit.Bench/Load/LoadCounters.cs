using System.Diagnostics;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Load;

/// <summary>What the simulated SDKs did over some stretch of time; thread-safe.</summary>
internal sealed class LoadCounters
{
    /// <summary>Event JSON from which a batch counts as large: one carrying a full snapshot of a big page, mostly.</summary>
    public const int LargeBatchBytes = 1_000_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _sessionsStarted;
    private long _batches;
    private long _duplicates;
    private long _events;
    private long _eventBytes;
    private long _wireBytes;
    private long _retries;
    private long _failovers;
    private long _gaveUp;
    private long _largeBatches;

    public LatencyLog Acks { get; } = new();

    /// <summary>Acks of batches under <see cref="LargeBatchBytes"/>: what the many small batches wait, apart from the few big ones' own work.</summary>
    public LatencyLog SmallAcks { get; } = new();

    /// <summary>How late batches started relative to when the SDK cut them: the previous batch, or the pace, held them.</summary>
    public LatencyLog SendDelays { get; } = new();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public long SessionsStarted => Interlocked.Read(ref _sessionsStarted);

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Acknowledged batches of <see cref="LargeBatchBytes"/> or more.</summary>
    public long LargeBatches => Interlocked.Read(ref _largeBatches);

    /// <summary>Acknowledged with <c>duplicate: true</c>: a retry of a batch that had been stored.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Events => Interlocked.Read(ref _events);

    /// <summary>The acknowledged events' JSON, uncompressed.</summary>
    public long EventBytes => Interlocked.Read(ref _eventBytes);

    /// <summary>Request bodies of acknowledged batches as sent (gzipped).</summary>
    public long WireBytes => Interlocked.Read(ref _wireBytes);

    public long Retries => Interlocked.Read(ref _retries);

    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>Batches not acknowledged: refused for good (4xx), or still failing when the run ended.</summary>
    public long GaveUp => Interlocked.Read(ref _gaveUp);

    public long Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.Values.Sum();
            }
        }
    }

    public IReadOnlyList<(string Kind, long Count)> ErrorKinds
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors.OrderByDescending(e => e.Value).Select(e => (e.Key, e.Value))];
            }
        }
    }

    public void SessionStarted() => Interlocked.Increment(ref _sessionsStarted);

    public void Acknowledged(PlannedBatch batch, double milliseconds, bool duplicate)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, batch.EventCount);
        Interlocked.Add(ref _eventBytes, batch.EventBytes);
        Interlocked.Add(ref _wireBytes, batch.Body.Length);
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicates);
        }

        Acks.Add(milliseconds);
        if (batch.EventBytes < LargeBatchBytes)
        {
            SmallAcks.Add(milliseconds);
        }
        else
        {
            Interlocked.Increment(ref _largeBatches);
        }
    }

    /// <summary>A failed attempt; <paramref name="retried"/> when it is tried again.</summary>
    public void Failed(string kind, bool retried, bool failover)
    {
        lock (_gate)
        {
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
        }

        if (retried)
        {
            Interlocked.Increment(ref _retries);
        }

        if (failover)
        {
            Interlocked.Increment(ref _failovers);
        }
    }

    public void GaveUpOn() => Interlocked.Increment(ref _gaveUp);
}

/// <summary>Counters for the whole run, and for a measure window a benchmark may open inside it.</summary>
internal sealed class LoadStats
{
    private LoadCounters? _window;
    private LoadCounters _second = new();

    public LoadCounters Total { get; } = new();

    /// <summary>Starts counting a measure window (a new one replaces the old).</summary>
    public void OpenWindow() => Volatile.Write(ref _window, new LoadCounters());

    /// <summary>Stops counting the window and returns it (with its length in <see cref="LoadCounters.Elapsed"/> read now).</summary>
    public LoadCounters CloseWindow() => Interlocked.Exchange(ref _window, null) ?? new LoadCounters();

    /// <summary>The counters since the last call, for the progress line.</summary>
    public LoadCounters TakeSecond() => Interlocked.Exchange(ref _second, new LoadCounters());

    public void Record(Action<LoadCounters> update)
    {
        update(Total);
        update(Volatile.Read(ref _second));
        if (Volatile.Read(ref _window) is { } window)
        {
            update(window);
        }
    }
}
