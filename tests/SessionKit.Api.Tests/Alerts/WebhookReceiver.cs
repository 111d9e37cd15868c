using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SessionKit.Api.Tests.Alerts;

/// <summary>
/// A webhook endpoint on 127.0.0.1 (a real socket): records every request and answers with the next status
/// queued (then 204), or, while <see cref="Hang"/> is set, holds requests unanswered until disposed. Given a port
/// (from <see cref="FreePort"/>), it listens there, so a test can name a receiver's URL before the receiver is up.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WebhookReceiver(int? port = null)
    {
        Url = UrlAt(port ?? FreePort());
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public static string UrlAt(int port) => $"http://127.0.0.1:{port}/hook/";

    /// <summary>A loopback port nothing listens on (yet): connections to it are refused.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public bool Hang { get; set; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    public async Task<List<ReceivedRequest>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver got {Requests.Count} of {count} requests.");
            }

            await Task.Delay(20);
        }

        return [.. Requests];
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        Requests.Enqueue(new ReceivedRequest(
            body.ToArray(), context.Request.Headers["X-SessionKit-Signature"], context.Request.Headers["X-SessionKit-Timestamp"],
            context.Request.Headers["X-SessionKit-Delivery"], context.Request.ContentType));
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : 204;
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}

internal sealed record ReceivedRequest(byte[] Body, string? Signature, string? Timestamp, string? Delivery, string? ContentType);
