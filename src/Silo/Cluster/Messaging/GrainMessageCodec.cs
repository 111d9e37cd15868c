using System.Buffers;
using System.Text.Json;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Cluster.Messaging;

/// <summary>
/// Grain calls and their replies as bytes, to cross between nodes. A call names the contract, the key,
/// the method (by its stable name) and carries the arguments as JSON typed by the method's parameters;
/// a reply carries the result typed by the method's result, or the failure. Only contracts this host
/// serves can be decoded: nothing on the wire chooses a type beyond them.
/// </summary>
internal sealed class GrainMessageCodec(GrainClassRegistry classes, GrainInterfaceCatalog catalog)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public byte[] EncodeCall(GrainMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("grain", catalog.Get(message.Target.Interface).Name);
            writer.WriteString("key", message.Target.Key);
            writer.WriteString("method", message.Method.Name);
            writer.WriteStartArray("args");
            for (var i = 0; i < message.Method.ParameterTypes.Count; i++)
            {
                JsonSerializer.Serialize(writer, message.Arguments[i], message.Method.ParameterTypes[i], Json);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="GrainMessageFormatException">Not a call this host can serve.</exception>
    public GrainMessage DecodeCall(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            Expect(ref reader, JsonTokenType.StartObject);
            var contract = classes.FindContract(ReadString(ref reader, "grain"))
                ?? throw new GrainMessageFormatException("The call names a grain contract this node does not serve.");
            var key = ReadString(ref reader, "key");
            var methodName = ReadString(ref reader, "method");
            var method = contract.FindMethod(methodName)
                ?? throw new GrainMessageFormatException($"Grain contract {contract.Name} has no method {methodName} in this build.");
            ExpectProperty(ref reader, "args");
            Expect(ref reader, JsonTokenType.StartArray);
            var arguments = new object?[method.ParameterTypes.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                reader.Read();
                arguments[i] = JsonSerializer.Deserialize(ref reader, method.ParameterTypes[i], Json);
            }

            Expect(ref reader, JsonTokenType.EndArray);
            return new GrainMessage(new GrainId(contract.Type, key), method, arguments);
        }
        catch (JsonException exception)
        {
            throw new GrainMessageFormatException("The call is not valid JSON for its method: " + exception.Message, exception);
        }
    }

    public static byte[] EncodeResult(GrainMethod method, object? result)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("ok");
            JsonSerializer.Serialize(writer, result, method.ResultType, Json);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeFailure(Exception exception)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", exception.GetType().FullName);
            writer.WriteString("message", exception.Message);
            if (exception is OperationCanceledException)
            {
                writer.WriteBoolean("canceled", true);
            }

            if (FindUnavailable(exception) is { } unavailable)
            {
                writer.WriteNumber("retryAfterMs", (long)unavailable.RetryAfter.TotalMilliseconds);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The result a reply carries, or the failure it reports, thrown as an exception of this node.</summary>
    public static TResult DecodeReply<TResult>(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var root = document.RootElement;
        if (root.TryGetProperty("ok", out var ok))
        {
            return ok.Deserialize<TResult>(Json)!;
        }

        var error = root.GetProperty("error");
        var type = error.GetProperty("type").GetString() ?? "unknown";
        var message = error.GetProperty("message").GetString() ?? "";
        if (error.TryGetProperty("canceled", out _))
        {
            throw new OperationCanceledException(message);
        }

        if (error.TryGetProperty("retryAfterMs", out var retryAfter))
        {
            throw new RemoteServiceUnavailableException(type, message, TimeSpan.FromMilliseconds(retryAfter.GetInt64()));
        }

        throw new RemoteGrainException(type, message);
    }

    private static ServiceUnavailableException? FindUnavailable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is ServiceUnavailableException unavailable)
            {
                return unavailable;
            }
        }

        return null;
    }

    private static string ReadString(ref Utf8JsonReader reader, string name)
    {
        ExpectProperty(ref reader, name);
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static void ExpectProperty(ref Utf8JsonReader reader, string name)
    {
        Expect(ref reader, JsonTokenType.PropertyName);
        if (!reader.ValueTextEquals(name))
        {
            throw new GrainMessageFormatException($"Expected \"{name}\" in a grain call.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new GrainMessageFormatException($"A grain call is malformed: expected {type}.");
        }
    }
}
