namespace SessionKit.Testing.Live;

/// <summary>How a <see cref="LiveHubClient"/> reaches the hub.</summary>
public sealed record LiveHubConnectOptions
{
    /// <summary>The dashboard's hub.</summary>
    public const string DefaultHubPath = "/hubs/live";

    /// <summary>Path of the hub on the server, relative to its base address.</summary>
    public string HubPath { get; init; } = DefaultHubPath;

    /// <summary>Sent as <c>access_token</c> in the WebSocket URL (and as a bearer header to negotiate), like the browser client.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The value of a <c>Cookie</c> header (<c>name=value; ...</c>), for cookie sign-in.</summary>
    public string? Cookie { get; init; }

    /// <summary>Further headers for the negotiate request and the WebSocket upgrade.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// POST <c>{hub}/negotiate</c> first and connect with the connection token it returns, as the
    /// browser client does; otherwise connect straight to the hub (<c>skipNegotiation</c>).
    /// </summary>
    public bool Negotiate { get; init; }

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the client pings; well below the server's default 30 s client timeout.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><see cref="Headers"/> with <see cref="Cookie"/> folded in.</summary>
    internal IEnumerable<KeyValuePair<string, string>> AllHeaders() =>
        Cookie is null ? Headers : Headers.Append(new("Cookie", Cookie));
}
