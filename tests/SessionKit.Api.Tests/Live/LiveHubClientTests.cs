using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>
/// The test client against the real SignalR server implementation (a tiny echo hub on its own
/// in-memory host, independent of the product's hub), plus scripted sockets for the framing.
/// </summary>
public sealed class LiveHubClientTests(LiveHubClientTests.EchoServer server) : IClassFixture<LiveHubClientTests.EchoServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task InvocationsReturnTheirResults()
    {
        await using var client = await server.ConnectAsync();

        Assert.Equal("hi", (await client.InvokeAsync("Echo", "hi"))!.Value.GetString());
        var moved = (await client.InvokeAsync("Move", new Point(1, 2), 3))!.Value;
        Assert.Equal(4, moved.GetProperty("x").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await client.InvokeAsync("Nothing"))?.ValueKind ?? JsonValueKind.Null);
    }

    [Fact]
    public async Task HubExceptionArrivesWithItsMessage()
    {
        await using var client = await server.ConnectAsync();

        var refused = await Assert.ThrowsAsync<LiveHubException>(() => client.InvokeAsync("Fail", "not today"));

        Assert.Contains("not today", refused.Message, StringComparison.Ordinal);
        Assert.Equal("still here", (await client.InvokeAsync("Echo", "still here"))!.Value.GetString());
    }

    [Fact]
    public async Task HundredCallbacksArriveInOrder()
    {
        await using var client = await server.ConnectAsync();

        await client.InvokeAsync("Burst", 100);

        for (var i = 0; i < 100; i++)
        {
            var message = await client.Messages.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.Equal("Tick", message.Target);
            Assert.Equal(i, message.Arguments[0].GetInt32());
        }

        Assert.Equal(100, client.Received("Tick").Count);
        Assert.Equal(99, (await client.WaitForAsync("Tick", args => args[0].GetInt32() == 99, Patience))[0].GetInt32());
    }

    [Fact]
    public async Task BroadcastReachesBothClients()
    {
        await using var alice = await server.ConnectAsync();
        await using var bob = await server.ConnectAsync();
        var aliceId = (await alice.InvokeAsync("Query", "connectionId"))!.Value.GetString();
        var text = Guid.NewGuid().ToString("N");

        await alice.SendAsync("Broadcast", text);

        foreach (var client in new[] { alice, bob })
        {
            var said = await client.WaitForAsync("Said", args => args[1].GetString() == text, Patience);
            Assert.Equal(aliceId, said[0].GetString());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AccessTokenIsOnTheRequest(bool negotiate)
    {
        var token = "token " + Guid.NewGuid().ToString("N") + "/+=&";
        await using var client = await server.ConnectAsync(new LiveHubConnectOptions { HubPath = "/hubs/echo", AccessToken = token, Negotiate = negotiate });

        Assert.Equal(token, (await client.InvokeAsync("Query", "access_token"))!.Value.GetString());
        var id = (await client.InvokeAsync("Query", "id"))!.Value.GetString();
        Assert.Equal(negotiate, !string.IsNullOrEmpty(id));
    }

    [Fact]
    public async Task DisposeClosesGracefully()
    {
        var client = await server.ConnectAsync();
        var id = (await client.InvokeAsync("Query", "connectionId"))!.Value.GetString()!;

        await client.DisposeAsync();

        Assert.Null(await server.Log.DisconnectedAsync(id).WaitAsync(Patience));
        Assert.Null(await client.Closed.WaitAsync(Patience));
        await Assert.ThrowsAsync<LiveHubException>(() => client.WaitForAsync("Tick", Patience));
    }

    [Fact]
    public async Task PingsKeepAnIdleConnectionAlive()
    {
        // The strict hub drops a client silent for 3 s, counted from its first ping (SignalR's rule). The
        // margins are wide on purpose (30x for the pinging client, 2 s for the slow one): on a loaded 2-core
        // machine, tight ones made this test flaky.
        await using var pinging = await server.ConnectAsync(
            new LiveHubConnectOptions { HubPath = "/hubs/strict", PingInterval = TimeSpan.FromMilliseconds(100) });
        await using var tooSlow = await server.ConnectAsync(
            new LiveHubConnectOptions { HubPath = "/hubs/strict", PingInterval = TimeSpan.FromSeconds(5) });

        await tooSlow.Closed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(pinging.Closed.IsCompleted);
        Assert.Equal("awake", (await pinging.InvokeAsync("Echo", "awake"))!.Value.GetString());
    }

    [Fact]
    public async Task RecordsAreCutAtSeparatorsNotAtFrameBoundaries()
    {
        await using var client = await server.ConnectAsync(new LiveHubConnectOptions { HubPath = "/scripted/frames" });

        var received = new List<(string, int)>();
        await foreach (var message in client.Messages.ReadAllAsync().WithCancellation(new CancellationTokenSource(Patience).Token))
        {
            received.Add((message.Target, message.Arguments[0].GetInt32()));
        }

        Assert.Equal([("First", 1), ("Second", 2), ("Third", 3), ("Third", 4)], received);
        Assert.Equal("bye", await client.Closed.WaitAsync(Patience));
    }

    [Theory]
    [InlineData("/scripted/refuse", false, null)]
    [InlineData("/hubs/none", false, 404)]
    [InlineData("/hubs/none", true, 404)]
    public async Task RefusalsThrowLiveHubException(string hubPath, bool negotiate, int? status)
    {
        var refused = await Assert.ThrowsAsync<LiveHubException>(
            () => server.ConnectAsync(new LiveHubConnectOptions { HubPath = hubPath, Negotiate = negotiate }));

        Assert.Equal(status, refused.StatusCode);
        Assert.True(status is not null || refused.Message.Contains("no such protocol", StringComparison.Ordinal), refused.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientWebSocketWorksAgainstKestrel(bool negotiate)
    {
        var token = Guid.NewGuid().ToString("N");
        await using var client = await LiveHubClient.ConnectAsync(
            server.KestrelAddress, new LiveHubConnectOptions { HubPath = "/hubs/echo", AccessToken = token, Negotiate = negotiate });

        Assert.Equal(token, (await client.InvokeAsync("Query", "access_token"))!.Value.GetString());
        await client.InvokeAsync("Burst", 3);
        Assert.Equal(2, (await client.WaitForAsync("Tick", args => args[0].GetInt32() == 2, Patience))[0].GetInt32());
        var refused = await Assert.ThrowsAsync<LiveHubException>(() => LiveHubClient.ConnectAsync(
            server.KestrelAddress, new LiveHubConnectOptions { HubPath = "/hubs/none", Negotiate = negotiate }));
        Assert.Equal(404, refused.StatusCode);
    }

    [Fact]
    public void BufferYieldsWholeRecordsFromAnyChunking()
    {
        var stream = Encoding.UTF8.GetBytes("{\"a\":\"é\"}\u001e{}\u001e{\"b\":[1,2]}\u001e{\"c\"");
        for (var chunk = 1; chunk <= stream.Length; chunk++)
        {
            var buffer = new RecordSeparatedBuffer();
            var records = new List<string>();
            foreach (var piece in stream.Chunk(chunk))
            {
                buffer.Append(piece);
                records.AddRange(buffer.TakeRecords().Select(record => Encoding.UTF8.GetString(record)));
            }

            Assert.Equal(["{\"a\":\"é\"}", "{}", "{\"b\":[1,2]}"], records);
            Assert.Equal(4, buffer.PendingCount);
        }
    }

    public sealed record Point(int X, int Y);

    public class EchoHub(EchoLog log) : Hub
    {
        public string Echo(string text) => text;

        public Point Move(Point point, int by) => point with { X = point.X + by };

        public void Nothing()
        {
        }

        public void Fail(string message) => throw new HubException(message);

        public async Task Burst(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Clients.Caller.SendAsync("Tick", i);
            }
        }

        public Task Broadcast(string text) => Clients.All.SendAsync("Said", Context.ConnectionId, text);

        public string? Query(string name) =>
            name == "connectionId" ? Context.ConnectionId : Context.GetHttpContext()?.Request.Query[name].ToString();

        public override Task OnDisconnectedAsync(Exception? exception)
        {
            log.Disconnected(Context.ConnectionId, exception);
            return base.OnDisconnectedAsync(exception);
        }
    }

    public sealed class StrictHub(EchoLog log) : EchoHub(log);

    public sealed class EchoLog
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<Exception?>> _disconnections = new();

        public void Disconnected(string connectionId, Exception? exception) => Entry(connectionId).TrySetResult(exception);

        public Task<Exception?> DisconnectedAsync(string connectionId) => Entry(connectionId).Task;

        private TaskCompletionSource<Exception?> Entry(string connectionId) =>
            _disconnections.GetOrAdd(connectionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The echo hubs twice: in memory (TestServer) and on Kestrel at a free loopback port.</summary>
    public sealed class EchoServer : IAsyncLifetime
    {
        private WebApplication? _memory;
        private WebApplication? _kestrel;

        public EchoLog Log { get; } = new();

        public Uri KestrelAddress => new(_kestrel!.Urls.First());

        public Task<LiveHubClient> ConnectAsync(LiveHubConnectOptions? options = null) =>
            LiveHubClient.ConnectAsync(_memory!.GetTestServer(), options ?? new LiveHubConnectOptions { HubPath = "/hubs/echo" });

        public async Task InitializeAsync()
        {
            _memory = await StartAsync(builder => builder.WebHost.UseTestServer());
            _kestrel = await StartAsync(builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        }

        public async Task DisposeAsync()
        {
            foreach (var app in new[] { _memory, _kestrel }.OfType<WebApplication>())
            {
                await app.DisposeAsync();
            }
        }

        private async Task<WebApplication> StartAsync(Action<WebApplicationBuilder> host)
        {
            var builder = WebApplication.CreateBuilder();
            host(builder);
            builder.Services.AddSingleton(Log);
            builder.Services.AddSignalR().AddHubOptions<StrictHub>(options => options.ClientTimeoutInterval = TimeSpan.FromSeconds(3));
            var app = builder.Build();
            app.UseWebSockets();
            app.MapHub<EchoHub>("/hubs/echo");
            app.MapHub<StrictHub>("/hubs/strict");
            app.Map("/scripted/frames", context => ScriptAsync(
                context,
                ("{}\u001e{\"type\":1,\"target\":\"First\",\"arguments\":[1]}\u001e", true),
                ("{\"type\":1,\"tar", false),
                ("get\":\"Second\",\"argu", false),
                ("ments\":[2]}\u001e", true),
                ("{\"type\":6}\u001e{\"type\":1,\"target\":\"Third\",\"arguments\":[3]}\u001e{\"type\":1,", true),
                ("\"target\":\"Third\",\"arguments\":[4]}\u001e{\"type\":7,\"error\":\"bye\"}\u001e", true)));
            app.Map("/scripted/refuse", context => ScriptAsync(context, ("{\"error\":\"no such protocol\"}\u001e", true)));
            await app.StartAsync();
            return app;
        }

        /// <summary>Reads the handshake, writes the given frames verbatim, then closes.</summary>
        private static async Task ScriptAsync(HttpContext context, params (string Text, bool EndOfMessage)[] frames)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.ReceiveAsync(new byte[1024], context.RequestAborted);
            foreach (var (text, endOfMessage) in frames)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage, context.RequestAborted);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
            await socket.ReceiveAsync(new byte[1024], context.RequestAborted);
        }
    }
}
