using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionKit.Api.Live;

/// <summary>
/// Events already validated at ingest, written to viewers as a JSON array of the exact bytes received:
/// the live path never parses or re-serializes what the SDK recorded.
/// </summary>
[JsonConverter(typeof(RawJsonArrayConverter))]
public sealed class RawJsonArray(ReadOnlyMemory<byte> commaJoinedItems)
{
    public ReadOnlyMemory<byte> Items { get; } = commaJoinedItems;

    private sealed class RawJsonArrayConverter : JsonConverter<RawJsonArray>
    {
        public override RawJsonArray Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Live events are only ever written.");

        public override void Write(Utf8JsonWriter writer, RawJsonArray value, JsonSerializerOptions options)
        {
            var json = new byte[value.Items.Length + 2];
            json[0] = (byte)'[';
            value.Items.Span.CopyTo(json.AsSpan(1));
            json[^1] = (byte)']';
            writer.WriteRawValue(json, skipInputValidation: true);
        }
    }
}
