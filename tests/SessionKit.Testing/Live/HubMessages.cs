using System.Text.Json;

namespace SessionKit.Testing.Live;

/// <summary>A message of the SignalR JSON hub protocol, as far as this client understands it.</summary>
internal abstract record HubMessage
{
    public const int InvocationType = 1;
    public const int CompletionType = 3;
    public const int PingType = 6;
    public const int CloseType = 7;
}

/// <summary>Type 1: a call of <paramref name="Target"/>; with an id the caller awaits a completion.</summary>
internal sealed record InvocationMessage(string? InvocationId, string Target, JsonElement[] Arguments) : HubMessage;

/// <summary>Type 3: the outcome of an invocation; <paramref name="Error"/> set means it failed.</summary>
internal sealed record CompletionMessage(string InvocationId, JsonElement? Result, string? Error) : HubMessage;

/// <summary>Type 6: keep-alive.</summary>
internal sealed record PingMessage : HubMessage
{
    public static PingMessage Instance { get; } = new();
}

/// <summary>Type 7: the peer is closing the connection, with an error when it is not a clean close.</summary>
internal sealed record CloseMessage(string? Error, bool AllowReconnect) : HubMessage;

/// <summary>Any other type (stream items, cancellations, acks): read and ignored.</summary>
internal sealed record OtherMessage(int Type) : HubMessage;
