namespace SessionKit.Testing.Live;

/// <summary>
/// An error reported over the hub: a completion with <c>error</c> (a <c>HubException</c> on the
/// server), a refused connection or handshake, or a connection closed before an invocation completed.
/// </summary>
public sealed class LiveHubException : Exception
{
    public LiveHubException()
    {
    }

    public LiveHubException(string message)
        : base(message)
    {
    }

    public LiveHubException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status when the server refused the negotiation or the WebSocket upgrade (401, 404, ...).</summary>
    public int? StatusCode { get; init; }
}
