using System.Text;
using System.Text.Json;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Storage;

public sealed class JsonStringTokensTests
{
    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public void FindsTheLongStringsAJsonReaderFinds(string recording)
    {
        foreach (var json in new[] { RawEvents(recording), ReserializedEvents(recording) })
        {
            foreach (var minimum in new[] { 64, 4096 })
            {
                Assert.Equal(ByReader(json, minimum), JsonStringTokens.AtLeast(json, minimum));
            }
        }
    }

    [Fact]
    public void EscapedQuotesAndBackslashesDoNotEndAStringAndPropertyNamesAreNotValues()
    {
        var json = Encoding.UTF8.GetBytes("""{"a":"x\"y\\","b" : "\\\"","c":["plain"]}""");

        var found = JsonStringTokens.AtLeast(json, 1).Select(t => Encoding.UTF8.GetString(json, t.Start, t.Length));

        Assert.Equal(["\"x\\\"y\\\\\"", "\"\\\\\\\"\"", "\"plain\""], found);
    }

    [Fact]
    public void APrefixNeverEndsInsideACharacter()
    {
        // ASCII, escapes of each length, a surrogate pair as two escapes, two- to four-byte UTF-8.
        var content = Encoding.UTF8.GetBytes("ab\\n\\u00e9c\\uD83D\\uDE00dé€😀\\\\\\\"z");
        var whole = Decode(content);

        for (var limit = 0; limit <= content.Length; limit++)
        {
            var length = JsonStringTokens.WholePrefix(content, limit);

            Assert.InRange(length, 0, limit);
            Assert.StartsWith(Decode(content.AsSpan(0, length)), whole, StringComparison.Ordinal);
        }

        Assert.Equal(content.Length, JsonStringTokens.WholePrefix(content, content.Length));
    }

    private static string Decode(ReadOnlySpan<byte> content)
    {
        var quoted = new byte[content.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        content.CopyTo(quoted.AsSpan(1));
        // Throws on a cut escape or surrogate pair: GetString validates what the reader let through.
        return JsonSerializer.Deserialize<string>(quoted)!;
    }

    private static List<TokenRange> ByReader(byte[] events, int minimum)
    {
        using var array = new BracketedEvents(events);
        var reader = new Utf8JsonReader(array.Memory.Span);
        var found = new List<TokenRange>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length + 2 >= minimum)
            {
                // The bracket shifts offsets by one; a token starts at its opening quote.
                found.Add(new TokenRange((int)reader.TokenStartIndex - 1, reader.ValueSpan.Length + 2));
            }
        }

        return found;
    }

    internal static byte[] RawEvents(string recording)
    {
        var file = File.ReadAllBytes(Path.Combine(RepositoryPaths.Recordings, recording)).AsSpan().Trim(" \r\n\t"u8);
        return file[1..^1].ToArray();
    }

    internal static byte[] ReserializedEvents(string recording) =>
        Encoding.UTF8.GetBytes(string.Join(',', Recordings.Load(recording).Select(e => e!.ToJsonString())));
}
