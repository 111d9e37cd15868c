using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>Tolerant readers for recorded JSON: recordings come from many rrweb versions, so a missing or odd field reads as null.</summary>
internal static class Json
{
    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? AsInt(value) : null;

    /// <summary>The number <paramref name="name"/> holds, as <see cref="Int(JsonElement, string)"/>, for names known as UTF-8.</summary>
    public static int? Int(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? AsInt(value) : null;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            // Integers first: rrweb's ids and times are, and parsing one as a double costs several times more.
            ? value.TryGetInt64(out var whole) ? whole
            : value.TryGetDouble(out var number) && number is >= long.MinValue and <= long.MaxValue ? (long)Math.Round(number) : null
            : null;

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// A string property as <see cref="DomNode.Clean(string?)"/> gives it, decoded only as far as its label could
    /// reach: a style sheet's text costs no more than a button's, and whitespace between elements (most of a
    /// page's text nodes) allocates nothing.
    /// </summary>
    public static string? Text(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            // Quotes included; escapes still in.
            ? LabelFromPrefix(JsonMarshal.GetRawUtf8Value(value)[1..^1], out var label) ? label : DomNode.Clean(value.GetString())
            : null;

    /// <summary>The string the reader is on, as <see cref="Text(JsonElement, ReadOnlySpan{byte})"/> gives it.</summary>
    public static string? Text(ref Utf8JsonReader reader) =>
        LabelFromPrefix(reader.ValueSpan, out var label) ? label : DomNode.Clean(reader.GetString());

    /// <summary>The label of a string's raw content when its prefix decides it (text without escapes decodes as itself).</summary>
    private static bool LabelFromPrefix(ReadOnlySpan<byte> content, out string? label)
    {
        label = null;
        var whole = content.Length <= PrefixBytes;
        var prefix = whole ? content : WholeCharacters(content[..PrefixBytes]);
        if (prefix.IndexOf((byte)'\\') >= 0)
        {
            return false;
        }

        // Sized to the text, not to the prefix's limit: most text nodes are a few bytes of whitespace, and a
        // stack buffer is zeroed on every call.
        Span<char> chars = stackalloc char[prefix.Length];
        label = DomNode.Clean(chars[..Encoding.UTF8.GetChars(prefix, chars)]);
        return whole || label is { Length: DomNode.MaxTextLength };
    }

    /// <summary>
    /// How much of a long string's raw content (escapes still in) <see cref="Text"/> and <see cref="DomNode"/>'s
    /// labels need: the prefix they read first when its label is whole there, else all of it (a long run of
    /// whitespace before the words). Either way they label the string exactly as they would the whole of it.
    /// </summary>
    public static int LabelBytes(ReadOnlySpan<byte> content)
    {
        var cut = JsonStringTokens.WholePrefix(content, PrefixBytes);
        var prefix = content[..cut];
        Span<char> chars = stackalloc char[cut];
        int length;
        if (prefix.IndexOf((byte)'\\') < 0)
        {
            length = Encoding.UTF8.GetChars(prefix, chars);
        }
        else
        {
            Span<byte> quoted = stackalloc byte[cut + 2];
            quoted[0] = quoted[^1] = (byte)'"';
            prefix.CopyTo(quoted[1..]);
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            length = reader.CopyString(chars);
        }

        return DomNode.Clean(chars[..length]) is { Length: DomNode.MaxTextLength } ? cut : content.Length;
    }

    /// <summary>The string the reader is on as an element's tag name, in lower case; the common ones without allocating.</summary>
    public static string? TagName(ref Utf8JsonReader reader) => CommonTag(reader.ValueSpan) ?? reader.GetString()?.ToLowerInvariant();

    /// <summary>The number the reader is on, as <see cref="Int(JsonElement, string)"/> reads one; anything else (skipped) is null.</summary>
    public static int? Int(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var whole) ? whole
        : Number(ref reader) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)Math.Round(number) : null;

    /// <summary>The number the reader is on, as <see cref="Long(JsonElement, string)"/> reads one; anything else (skipped) is null.</summary>
    public static long? Long(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var whole) ? whole
        : Number(ref reader) is { } number && number is >= long.MinValue and <= long.MaxValue ? (long)Math.Round(number) : null;

    private static double? Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number))
        {
            return number;
        }

        reader.Skip();
        return null;
    }

    /// <summary>A tag name's raw content as one of the common tags in lower case, or null (escaped, not ASCII, or not common).</summary>
    private static string? CommonTag(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxCommonTagLength)
        {
            return null;
        }

        Span<char> lower = stackalloc char[MaxCommonTagLength];
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b is >= 0x80 or (byte)'\\')
            {
                return null;
            }

            lower[i] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b);
        }

        return CommonTagLookup.TryGetValue(lower[..content.Length], out var common) ? common : null;
    }

    private static int? AsInt(JsonElement value) =>
        value.ValueKind != JsonValueKind.Number ? null
        : value.TryGetInt32(out var whole) ? whole
        : value.TryGetDouble(out var number) && number is >= int.MinValue and <= int.MaxValue ? (int)Math.Round(number) : null;

    /// <summary>The prefix without a character cut in two at its end.</summary>
    private static ReadOnlySpan<byte> WholeCharacters(ReadOnlySpan<byte> prefix)
    {
        while ((prefix[^1] & 0xC0) == 0x80)
        {
            prefix = prefix[..^1];
        }

        return prefix[..^1];
    }

    /// <summary>Enough bytes for <see cref="DomNode.MaxTextLength"/> characters of text between a lot of whitespace.</summary>
    private const int PrefixBytes = 2048;

    private const int MaxCommonTagLength = 16;

    private static readonly HashSet<string> CommonTags = new(
        [
            "a", "abbr", "article", "aside", "b", "body", "br", "button", "circle", "code", "dd", "defs", "div", "dl", "dt", "em",
            "fieldset", "figure", "footer", "form", "g", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i",
            "iframe", "img", "input", "label", "li", "link", "main", "meta", "nav", "noscript", "ol", "option", "p", "path",
            "picture", "pre", "rect", "script", "section", "select", "small", "source", "span", "strong", "style", "svg",
            "table", "tbody", "td", "textarea", "th", "thead", "title", "tr", "ul", "use",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonTagLookup = CommonTags.GetAlternateLookup<ReadOnlySpan<char>>();
}
