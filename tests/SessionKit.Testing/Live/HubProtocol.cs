using System.Buffers;
using System.Text.Json;

namespace SessionKit.Testing.Live;

/// <summary>
/// Reading and writing the SignalR JSON hub protocol (version 1): a handshake, then JSON
/// messages each ended by <see cref="RecordSeparatedBuffer.Separator"/>. Arguments are written
/// with the web defaults (camelCase), which is what the server's JSON protocol expects.
/// </summary>
internal static class HubProtocol
{
    public const string Name = "json";
    public const int Version = 1;

    private static readonly JsonSerializerOptions ArgumentOptions = new(JsonSerializerDefaults.Web);

    public static byte[] WriteHandshakeRequest() =>
        Write(writer =>
        {
            writer.WriteString("protocol", Name);
            writer.WriteNumber("version", Version);
        });

    /// <summary>Returns the handshake error, or null when the server accepted the handshake.</summary>
    public static string? ReadHandshakeResponse(ReadOnlySpan<byte> record)
    {
        using var document = Parse(record);
        return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            ? error.GetString()
            : null;
    }

    public static byte[] WriteInvocation(string? invocationId, string target, IReadOnlyList<object?> arguments) =>
        Write(writer =>
        {
            writer.WriteNumber("type", HubMessage.InvocationType);
            if (invocationId is not null)
            {
                writer.WriteString("invocationId", invocationId);
            }

            writer.WriteString("target", target);
            writer.WriteStartArray("arguments");
            foreach (var argument in arguments)
            {
                JsonSerializer.Serialize(writer, argument, argument?.GetType() ?? typeof(object), ArgumentOptions);
            }

            writer.WriteEndArray();
        });

    public static byte[] WriteCompletionError(string invocationId, string error) =>
        Write(writer =>
        {
            writer.WriteNumber("type", HubMessage.CompletionType);
            writer.WriteString("invocationId", invocationId);
            writer.WriteString("error", error);
        });

    public static byte[] WritePing() => Write(writer => writer.WriteNumber("type", HubMessage.PingType));

    /// <summary>Parses one record (without its separator). Elements are cloned, so they outlive the parse.</summary>
    public static HubMessage ReadMessage(ReadOnlySpan<byte> record)
    {
        using var document = Parse(record);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || !type.TryGetInt32(out var kind))
        {
            throw new LiveHubException("A hub message without a numeric type.");
        }

        return kind switch
        {
            HubMessage.InvocationType => new InvocationMessage(
                OptionalString(root, "invocationId"),
                OptionalString(root, "target") ?? throw new LiveHubException("An invocation without a target."),
                root.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.Array
                    ? [.. arguments.EnumerateArray().Select(argument => argument.Clone())]
                    : []),
            HubMessage.CompletionType => new CompletionMessage(
                OptionalString(root, "invocationId") ?? throw new LiveHubException("A completion without an invocationId."),
                root.TryGetProperty("result", out var result) ? result.Clone() : null,
                OptionalString(root, "error")),
            HubMessage.PingType => PingMessage.Instance,
            HubMessage.CloseType => new CloseMessage(
                OptionalString(root, "error"),
                root.TryGetProperty("allowReconnect", out var reconnect) && reconnect.ValueKind == JsonValueKind.True),
            _ => new OtherMessage(kind),
        };
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            throw new LiveHubException("A hub message that is not JSON.", exception);
        }
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Write(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        buffer.Write([RecordSeparatedBuffer.Separator]);
        return buffer.WrittenSpan.ToArray();
    }
}
