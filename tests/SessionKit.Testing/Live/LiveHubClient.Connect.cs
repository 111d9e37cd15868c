using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace SessionKit.Testing.Live;

public sealed partial class LiveHubClient
{
    [GeneratedRegex(@"status code: (\d+)")]
    private static partial Regex StatusCodePattern();

    /// <summary>The in-memory server's dashboard hub (<c>/hubs/live</c>), without negotiation.</summary>
    public static Task<LiveHubClient> ConnectAsync(WebApplicationFactory<Program> app, string? accessToken = null) =>
        ConnectAsync(app, new LiveHubConnectOptions { AccessToken = accessToken });

    public static Task<LiveHubClient> ConnectAsync(WebApplicationFactory<Program> app, LiveHubConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        return ConnectAsync(app.Server, options);
    }

    /// <summary>A hub on any in-memory <see cref="TestServer"/>.</summary>
    public static async Task<LiveHubClient> ConnectAsync(
        TestServer server, LiveHubConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        using var negotiateClient = options.Negotiate ? server.CreateClient() : null;
        return await ConnectAsync(
            async (url, token) =>
            {
                var client = server.CreateWebSocketClient();
                client.ConfigureRequest = request =>
                {
                    foreach (var (name, value) in options.AllHeaders())
                    {
                        request.Headers[name] = value;
                    }
                };
                try
                {
                    return await client.ConnectAsync(url, token);
                }
                catch (InvalidOperationException exception)
                {
                    // TestServer's wording: "Incomplete handshake, status code: 401".
                    var status = StatusCodePattern().Match(exception.Message);
                    throw new LiveHubException($"The WebSocket upgrade was refused ({exception.Message}).", exception)
                    {
                        StatusCode = status.Success ? int.Parse(status.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null,
                    };
                }
            },
            negotiateClient,
            new Uri(server.BaseAddress, options.HubPath),
            options,
            cancellationToken);
    }

    /// <summary>The dashboard hub of a server running as a real process, over <see cref="ClientWebSocket"/>.</summary>
    public static Task<LiveHubClient> ConnectAsync(Uri serverBaseAddress, string? accessToken = null) =>
        ConnectAsync(serverBaseAddress, new LiveHubConnectOptions { AccessToken = accessToken });

    public static async Task<LiveHubClient> ConnectAsync(
        Uri serverBaseAddress, LiveHubConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No cookie container: a Cookie header given in the options is sent as it is.
        using var negotiateClient = options.Negotiate ? new HttpClient(new SocketsHttpHandler { UseCookies = false }) : null;
        return await ConnectAsync(
            async (url, token) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.CollectHttpResponseDetails = true;
                foreach (var (name, value) in options.AllHeaders())
                {
                    socket.Options.SetRequestHeader(name, value);
                }

                try
                {
                    await socket.ConnectAsync(url, token);
                    return socket;
                }
                catch (WebSocketException exception)
                {
                    var status = (int)socket.HttpStatusCode;
                    socket.Dispose();
                    throw new LiveHubException($"The WebSocket upgrade was refused with HTTP {status}.", exception)
                    {
                        StatusCode = status == 0 ? null : status,
                    };
                }
            },
            negotiateClient,
            new Uri(serverBaseAddress, options.HubPath),
            options,
            cancellationToken);
    }

    /// <summary>Skips negotiation: connects straight to <paramref name="hubUrl"/> (http, https, ws or wss).</summary>
    public static Task<LiveHubClient> ConnectAsync(
        Func<Uri, CancellationToken, Task<WebSocket>> connect, Uri hubUrl, string? accessToken, CancellationToken cancellationToken) =>
        ConnectAsync(connect, negotiateClient: null, hubUrl, new LiveHubConnectOptions { AccessToken = accessToken }, cancellationToken);

    /// <summary>
    /// The general form: <paramref name="connect"/> opens a WebSocket to the URL it is given;
    /// <paramref name="negotiateClient"/> posts the negotiate request when <see cref="LiveHubConnectOptions.Negotiate"/> is set.
    /// </summary>
    public static async Task<LiveHubClient> ConnectAsync(
        Func<Uri, CancellationToken, Task<WebSocket>> connect,
        HttpClient? negotiateClient,
        Uri hubUrl,
        LiveHubConnectOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(hubUrl);
        ArgumentNullException.ThrowIfNull(options);
        string? connectionToken = null;
        if (options.Negotiate)
        {
            ArgumentNullException.ThrowIfNull(negotiateClient);
            connectionToken = await NegotiateAsync(negotiateClient, hubUrl, options, cancellationToken);
        }

        var socket = await connect(WebSocketUrl(hubUrl, connectionToken, options.AccessToken), cancellationToken);
        var client = new LiveHubClient(socket);
        try
        {
            await client.StartAsync(options, cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> NegotiateAsync(
        HttpClient http, Uri hubUrl, LiveHubConnectOptions options, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(HttpUrl(hubUrl));
        url.Path = url.Path.TrimEnd('/') + "/negotiate";
        url.Query = AppendQuery(url.Query, "negotiateVersion", "1");
        using var request = new HttpRequestMessage(HttpMethod.Post, url.Uri);
        if (options.AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        }

        foreach (var (name, value) in options.AllHeaders())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LiveHubException($"Negotiation was refused with HTTP {(int)response.StatusCode}.")
            {
                StatusCode = (int)response.StatusCode,
            };
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (body.TryGetProperty("error", out var error))
        {
            throw new LiveHubException($"Negotiation failed: {error}");
        }

        var transports = body.TryGetProperty("availableTransports", out var list) ? list.EnumerateArray() : default;
        if (!transports.Any(t => t.TryGetProperty("transport", out var name) && name.GetString() == "WebSockets"))
        {
            throw new LiveHubException("The server does not offer the WebSockets transport.");
        }

        return (body.TryGetProperty("connectionToken", out var token) ? token : body.GetProperty("connectionId")).GetString()
            ?? throw new LiveHubException("Negotiation returned no connection token.");
    }

    private static Uri WebSocketUrl(Uri hubUrl, string? connectionToken, string? accessToken)
    {
        var url = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme is "https" or "wss" ? "wss" : "ws" };
        if (connectionToken is not null)
        {
            url.Query = AppendQuery(url.Query, "id", connectionToken);
        }

        if (accessToken is not null)
        {
            url.Query = AppendQuery(url.Query, "access_token", accessToken);
        }

        return url.Uri;
    }

    private static Uri HttpUrl(Uri hubUrl) =>
        new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme is "https" or "wss" ? "https" : "http" }.Uri;

    private static string AppendQuery(string query, string name, string value) =>
        $"{(query.Length > 1 ? query.TrimStart('?') + "&" : string.Empty)}{name}={Uri.EscapeDataString(value)}";
}
