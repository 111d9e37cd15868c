using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Live;

/// <summary>
/// One dashboard viewer: a SignalR JSON-protocol connection to <c>/hubs/live</c> watching one session.
/// Unlike the tests' LiveHubClient, which keeps every message for assertions, this client reads each
/// message in place and keeps only numbers: it shares two cores with the server and must stay cheap.
/// The arrival time is read as soon as the WebSocket read that completes a message returns.
/// </summary>
internal sealed partial class ViewerConnection : IAsyncDisposable
{
    private const byte Separator = 0x1E;
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement?>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _catchUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly MeasureWindow _window;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _pingLoop = Task.CompletedTask;
    private long _lastInvocationId;
    private long? _lastSeq;
    private long _measuredEvents;
    private int _echoPending;

    private ViewerConnection(string sessionId, MeasureWindow window) => (SessionId, _window) = (sessionId, window);

    public string SessionId { get; }

    /// <summary>Completes when the catch-up (the first SessionEvents after the watch) has arrived.</summary>
    public Task CatchUp => _catchUp.Task;

    public ViewerStats Stats { get; } = new();

    /// <summary>Latencies (arrival − event timestamp) of the events stamped inside the measure window.</summary>
    public List<LatencySample> Latencies { get; } = new(capacity: 1024);

    public long MeasuredEvents => Volatile.Read(ref _measuredEvents);

    /// <summary>An echo round trip is still out.</summary>
    public bool EchoPending => Volatile.Read(ref _echoPending) != 0;

    public static async Task<ViewerConnection> ConnectAsync(
        Uri baseAddress, string accessToken, string sessionId, MeasureWindow window, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(baseAddress)
        {
            Scheme = "ws",
            Path = "/hubs/live",
            Query = "access_token=" + Uri.EscapeDataString(accessToken),
        }.Uri;
        var viewer = new ViewerConnection(sessionId, window);
        try
        {
            await viewer._socket.ConnectAsync(url, cancellationToken);
            viewer._receiveLoop = Task.Run(viewer.ReceiveLoopAsync, CancellationToken.None);
            await viewer.SendAsync("{\"protocol\":\"json\",\"version\":1}"u8.ToArray());
            await viewer._handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            viewer._pingLoop = Task.Run(viewer.PingLoopAsync, CancellationToken.None);
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync();
            throw;
        }
    }

    /// <summary>WatchSession; returns the status the hub answered (<c>streaming</c> is the one expected).</summary>
    public async Task<string?> WatchAsync()
    {
        var result = await InvokeAsync("WatchSession", SessionId);
        return result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("status", out var status) ? status.GetString() : null;
    }

    /// <summary>
    /// The baseline: one hub round trip (an invocation that does no I/O on the server) unless the
    /// previous one is still out. Round trips started inside <paramref name="window"/> are logged.
    /// </summary>
    public void Echo(LatencyLog log, MeasureWindow window)
    {
        if (Interlocked.CompareExchange(ref _echoPending, 1, 0) != 0)
        {
            Stats.EchoesSkipped++;
            return;
        }

        _ = EchoAsync(log, window);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _sendLock.WaitAsync(timeout.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }

                await _receiveLoop.WaitAsync(timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException or IOException)
        {
            // The server is gone or slow to close; abort below.
        }

        _socket.Abort();
        await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _pingLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task EchoAsync(LatencyLog log, MeasureWindow window)
    {
        var startedAt = UnixTime.NowMilliseconds();
        var start = Stopwatch.GetTimestamp();
        try
        {
            await InvokeAsync("UnwatchProject", "bench-echo");
            if (window.Contains(startedAt))
            {
                log.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            Stats.EchoErrors++;
        }
        finally
        {
            Volatile.Write(ref _echoPending, 0);
        }
    }

    private async Task<JsonElement?> InvokeAsync(string method, string argument)
    {
        var id = Interlocked.Increment(ref _lastInvocationId).ToString(CultureInfo.InvariantCulture);
        var pending = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = pending;
        try
        {
            var message = $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{method}\",\"arguments\":[{JsonSerializer.Serialize(argument)}]}}";
            await SendAsync(Encoding.UTF8.GetBytes(message));
            return await pending.Task.WaitAsync(InvocationTimeout);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task SendAsync(byte[] record)
    {
        var framed = new byte[record.Length + 1];
        record.CopyTo(framed, 0);
        framed[^1] = Separator;
        await _sendLock.WaitAsync(_stopping.Token);
        try
        {
            await _socket.SendAsync(framed, WebSocketMessageType.Text, endOfMessage: true, _stopping.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await SendAsync("{\"type\":6}"u8.ToArray());
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Stopping, or the connection is gone; the receive loop reports why.
        }
    }
}
