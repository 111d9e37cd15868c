namespace SessionKit.Silo.Storage;

/// <summary>
/// Finds the long string tokens of event JSON that was validated at ingest. Outside a string a quote can only
/// open one, and inside one only an unescaped quote closes it, so a vectorized search for quotes and backslashes
/// finds them at memory speed, without a JSON reader validating every byte once more. On JSON that is not valid
/// after all, a token may be found where none is: callers keep the bytes they do not understand as they are.
/// </summary>
public static class JsonStringTokens
{
    /// <summary>
    /// Each string value at least <paramref name="minimumBytes"/> long, from its opening to its closing quote
    /// (property names are not values: a reader of the JSON looks them up, so they are never taken out or cut).
    /// </summary>
    public static List<TokenRange> AtLeast(ReadOnlySpan<byte> json, int minimumBytes)
    {
        var found = new List<TokenRange>();
        var at = 0;
        while (json[at..].IndexOf((byte)'"') is var open and >= 0)
        {
            var start = at + open;
            if (ClosingQuote(json, start + 1) is not { } end)
            {
                break;
            }

            at = end + 1;
            if (at - start >= minimumBytes && !IsPropertyName(json[at..]))
            {
                found.Add(new TokenRange(start, at - start));
            }
        }

        return found;
    }

    /// <summary>
    /// How many bytes of a string's raw content (between its quotes), at most <paramref name="limit"/>, end where a
    /// character ends: never inside an escape, a surrogate pair written as two escapes, or a UTF-8 sequence.
    /// </summary>
    public static int WholePrefix(ReadOnlySpan<byte> content, int limit)
    {
        if (content.Length <= limit)
        {
            return content.Length;
        }

        var cut = limit;
        for (var at = 0; content[at..limit].IndexOf((byte)'\\') is var next and >= 0;)
        {
            var escape = at + next;
            var length = EscapeLength(content, escape);
            if (escape + length > limit)
            {
                cut = escape;
                break;
            }

            at = escape + length;
            if (at >= limit)
            {
                break;
            }
        }

        while (cut > 0 && (content[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return cut;
    }

    private static bool IsPropertyName(ReadOnlySpan<byte> afterString)
    {
        var next = afterString.IndexOfAnyExcept(" \t\r\n"u8);
        return next >= 0 && afterString[next] == (byte)':';
    }

    private static int? ClosingQuote(ReadOnlySpan<byte> json, int from)
    {
        for (var at = from; at < json.Length && json[at..].IndexOfAny((byte)'"', (byte)'\\') is var next and >= 0;)
        {
            at += next;
            if (json[at] == (byte)'"')
            {
                return at;
            }

            at += 2;
        }

        return null;
    }

    /// <summary>\n and the like are 2 bytes, \uXXXX 6, a high surrogate's \uXXXX with its low one 12.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> content, int at)
    {
        if (at + 1 >= content.Length || content[at + 1] != (byte)'u')
        {
            return 2;
        }

        var highSurrogate = at + 3 < content.Length && content[at + 2] is (byte)'d' or (byte)'D' && content[at + 3] is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'b' or >= (byte)'A' and <= (byte)'B';
        return highSurrogate ? 12 : 6;
    }
}
