using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace SessionKit.Testing.Live;

/// <summary>
/// A minimal SignalR client (JSON hub protocol over WebSockets) for tests: invokes hub methods
/// and records what the server invokes on it. One background receive loop; thread-safe.
/// Connect with one of the <c>ConnectAsync</c> factories.
/// </summary>
public sealed partial class LiveHubClient : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly LiveHubRecorder _recorder = new();
    private readonly ConcurrentDictionary<string, PendingInvocation> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private Task _pingLoop = Task.CompletedTask;
    private long _lastInvocationId;
    private volatile bool _terminated;
    private int _disposed;

    private LiveHubClient(WebSocket socket) => _socket = socket;

    /// <summary>How long <see cref="InvokeAsync"/> waits for a completion.</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Completes when the connection has ended, with the server's close error if it gave one.</summary>
    public Task<string?> Closed => _closed.Task;

    /// <summary>Every server-to-client invocation, in arrival order; completes when the connection ends.</summary>
    public ChannelReader<LiveHubMessage> Messages => _recorder.Messages;

    /// <summary>The arguments of every invocation of <paramref name="target"/> so far (a snapshot).</summary>
    public IReadOnlyList<JsonElement[]> Received(string target) => _recorder.Received(target);

    /// <summary>
    /// The arguments of the first invocation of <paramref name="target"/> matching
    /// <paramref name="predicate"/>, including ones that arrived before the call.
    /// Throws <see cref="TimeoutException"/>, or <see cref="LiveHubException"/> once the connection has closed.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> WaitForAsync(
        string target, Func<JsonElement[], bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _recorder.WaitForAsync(target, predicate, timeout, cancellationToken);

    /// <summary>The arguments of the first invocation of <paramref name="target"/>.</summary>
    public Task<IReadOnlyList<JsonElement>> WaitForAsync(string target, TimeSpan timeout) =>
        _recorder.WaitForAsync(target, _ => true, timeout, CancellationToken.None);

    /// <summary>
    /// Invokes a hub method and returns its result (null for a void method).
    /// A <c>HubException</c> on the server arrives as <see cref="LiveHubException"/> with its message.
    /// </summary>
    public async Task<JsonElement?> InvokeAsync(string method, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var id = Interlocked.Increment(ref _lastInvocationId).ToString(CultureInfo.InvariantCulture);
        var pending = new PendingInvocation(method);
        _pending[id] = pending;
        if (_terminated && _pending.TryRemove(id, out _))
        {
            throw new LiveHubException($"'{method}' was invoked after the connection closed.");
        }

        try
        {
            await SendRawAsync(HubProtocol.WriteInvocation(id, method, args), CancellationToken.None);
            return await pending.Completion.Task.WaitAsync(InvocationTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{method}' did not complete within {InvocationTimeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Invokes a hub method without waiting for it (no invocation id, no completion).</summary>
    public Task SendAsync(string method, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return SendRawAsync(HubProtocol.WriteInvocation(null, method, args), CancellationToken.None);
    }

    /// <summary>Closes the WebSocket gracefully (close frame, then waits for the server's), aborting after 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await CloseOutputAsync();
            await _receiveLoop.WaitAsync(CloseTimeout);
        }
        catch (Exception exception) when (exception is WebSocketException or TimeoutException or IOException or ObjectDisposedException)
        {
            // The server is gone or slow to answer the close; abort below.
        }
        finally
        {
            _socket.Abort();
            await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _pingLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _socket.Dispose();
            _sendLock.Dispose();
            _stopping.Dispose();
        }
    }

    private async Task StartAsync(LiveHubConnectOptions options, CancellationToken cancellationToken)
    {
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await SendRawAsync(HubProtocol.WriteHandshakeRequest(), cancellationToken);
        try
        {
            await _handshake.Task.WaitAsync(options.HandshakeTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new LiveHubException($"No handshake response within {options.HandshakeTimeout.TotalSeconds:0.#} s.");
        }

        _pingLoop = Task.Run(() => PingLoopAsync(options.PingInterval), CancellationToken.None);
    }

    private async Task SendRawAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseOutputAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task PingLoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await SendRawAsync(HubProtocol.WritePing(), _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Stopping, or the connection is gone; the receive loop reports why.
        }
    }

    private sealed class PendingInvocation(string method)
    {
        public string Method { get; } = method;

        public TaskCompletionSource<JsonElement?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
