using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Live;

/// <summary>
/// One visitor's page running the SDK in live mode. Every tick (the flush interval) it records 1-3
/// mouse moves stamped with the current Unix ms, and sends what it has gathered as one batch, like
/// sdk-js: at most one batch in flight per session; events recorded during a round trip wait for the
/// next tick and go together.
/// </summary>
internal sealed class SimulatedPage(string sessionId, HttpClient http, IngestCounters counters, MeasureWindow window, int seed)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);
    private readonly StringBuilder _buffer = new();
    private readonly Uri _eventsUri = new($"/api/v1/sessions/{sessionId}/events", UriKind.Relative);
    private long _nextSeq = 1;
    private bool _inFlight;
    private int _x = 400;
    private int _y = 300;

    public string SessionId { get; } = sessionId;

    /// <summary>Called by the scheduler thread: records events and starts a send if none is in flight.</summary>
    public void Tick()
    {
        var now = UnixTime.NowMilliseconds();
        var count = 1 + _random.Next(3);
        string body;
        long seq;
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _x = Math.Clamp(_x + _random.Next(-20, 21), 0, 1280);
                _y = Math.Clamp(_y + _random.Next(-20, 21), 0, 800);
                _buffer.Append(_buffer.Length == 0 ? string.Empty : ",")
                    .Append("{\"type\":3,\"data\":{\"source\":1,\"positions\":[{\"x\":").Append(_x)
                    .Append(",\"y\":").Append(_y).Append(",\"id\":").Append(9 + i)
                    .Append(",\"timeOffset\":0}]},\"timestamp\":").Append(now).Append('}');
            }

            if (window.Contains(now))
            {
                counters.AddRecorded(count);
            }

            if (_inFlight)
            {
                counters.AddDeferredTick();
                return;
            }

            _inFlight = true;
            seq = _nextSeq++;
            body = $"{{\"seq\":{seq},\"events\":[{_buffer}]}}";
            _buffer.Clear();
        }

        var inWindow = window.Contains(now);
        ThreadPool.UnsafeQueueUserWorkItem(_ => _ = SendAsync(body, inWindow), null);
    }

    /// <summary>The first batch: the recording's Meta and FullSnapshot (seq 0), before anyone watches.</summary>
    public async Task SendSnapshotAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync(_eventsUri, content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The snapshot batch of {SessionId} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Whether a batch is still waiting for its answer.</summary>
    public bool InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    private async Task SendAsync(string body, bool inWindow)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(_eventsUri, content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                counters.AddError($"HTTP {(int)response.StatusCode}");
                return;
            }

            if (inWindow)
            {
                counters.Acks.Add(elapsed);
                using var ack = JsonDocument.Parse(answer);
                if (!ack.RootElement.TryGetProperty("live", out var live) || live.ValueKind != JsonValueKind.Object)
                {
                    counters.AddNotLive();
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            counters.AddError(exception.GetType().Name);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = false;
            }
        }
    }
}

/// <summary>What the simulated SDKs did, across all sessions; thread-safe.</summary>
internal sealed class IngestCounters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _recorded;
    private long _deferredTicks;
    private long _notLive;

    public LatencyLog Acks { get; } = new();

    /// <summary>Events stamped inside the measure window.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Ticks that found the previous batch still in flight (the SDK then waits a tick).</summary>
    public long DeferredTicks => Interlocked.Read(ref _deferredTicks);

    /// <summary>Answers in the window without <c>live</c>: the server did not count the viewer.</summary>
    public long NotLive => Interlocked.Read(ref _notLive);

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

    public string ErrorKinds
    {
        get
        {
            lock (_gate)
            {
                return string.Join(", ", _errors.Select(e => $"{e.Key} x{e.Value}"));
            }
        }
    }

    public void AddRecorded(int count) => Interlocked.Add(ref _recorded, count);

    public void AddDeferredTick() => Interlocked.Increment(ref _deferredTicks);

    public void AddNotLive() => Interlocked.Increment(ref _notLive);

    public void AddError(string kind)
    {
        lock (_gate)
        {
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
        }
    }
}
