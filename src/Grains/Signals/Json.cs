using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SessionKit.Grains.Signals;

/// <summary>Tolerant readers for recorded JSON: recordings come from many rrweb versions, so a missing or odd field reads as null.</summary>
internal static class Json
{
    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
        && number is >= int.MinValue and <= int.MaxValue
            ? (int)Math.Round(number)
            : null;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
        && number is >= long.MinValue and <= long.MaxValue
            ? (long)Math.Round(number)
            : null;

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// A string property as <see cref="DomNode.Clean(string?)"/> gives it: a long text (a style sheet) is decoded only as
    /// far as its label could reach, not whole.
    /// </summary>
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // Quotes included; escapes still in. A prefix without escapes decodes as itself.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length > PrefixBytes + 2)
        {
            var prefix = raw.Slice(1, PrefixBytes);
            while ((prefix[^1] & 0xC0) == 0x80)
            {
                prefix = prefix[..^1];
            }

            prefix = prefix[..^1];
            if (prefix.IndexOf((byte)'\\') < 0 && DomNode.Clean(Encoding.UTF8.GetString(prefix)) is { Length: DomNode.MaxTextLength } label)
            {
                return label;
            }
        }

        return DomNode.Clean(value.GetString());
    }

    /// <summary>Enough bytes for <see cref="DomNode.MaxTextLength"/> characters of text between a lot of whitespace.</summary>
    private const int PrefixBytes = 4096;
}
