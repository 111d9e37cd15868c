using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Storage;

public sealed class LargeStringsTests
{
    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public async Task EveryRecordingComesBackByteForByteAndItsLargeStringsAreStoredOnce(string recording)
    {
        var events = Joined(Recordings.Load(recording));
        var tokens = new Dictionary<string, byte[]>();

        var extracted = Extract(events, tokens);

        Assert.Equal(events, await RestoreAsync(extracted, tokens));
        Assert.All(tokens.Values, token => Assert.True(token.Length >= LargeStrings.MinimumBytes));
        Assert.Equal(tokens.Count, LargeStrings.References(extracted).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public void WhereTheParserFoundTheLargeStringsTheyAreTakenOutAsIfLookedFor(string recording)
    {
        var events = Joined(Recordings.Load(recording));
        var found = JsonStringTokens.AtLeast(events, LargeStrings.MinimumBytes);
        var (lookedFor, given) = (new Dictionary<string, byte[]>(), new Dictionary<string, byte[]>());

        Assert.Equal(Extract(events, lookedFor), Extract(events, given, found));
        Assert.Equal(lookedFor.Keys.Order(), given.Keys.Order());
    }

    [Fact]
    public async Task ARepeatedLargeStringIsKeptOnceAndEscapesSurvive()
    {
        var css = "body { content: \\\"\\u00e9\\\" } " + new string('x', 6000);
        var events = Encoding.UTF8.GetBytes(
            $$$"""{"type":2,"data":{"css":"{{{css}}}"}},{"type":3,"data":{"small":"kept","css":"{{{css}}}"}}""");
        var tokens = new Dictionary<string, byte[]>();

        var extracted = Extract(events, tokens);

        var token = Assert.Single(tokens).Value;
        Assert.Equal("\"" + css + "\"", Encoding.UTF8.GetString(token));
        Assert.Equal(2, LargeStrings.References(extracted).Count());
        Assert.True(extracted.Length < events.Length - css.Length);
        Assert.Contains("\"small\":\"kept\"", Encoding.UTF8.GetString(extracted), StringComparison.Ordinal);
        Assert.Equal(events, await RestoreAsync(extracted, tokens));
    }

    [Fact]
    public void EventsWithoutLargeStringsAreLeftAlone()
    {
        var events = Encoding.UTF8.GetBytes("""{"type":3,"data":{"text":"short"}},{"type":4}""");
        var tokens = new Dictionary<string, byte[]>();
        Assert.Equal(events, Extract(events, tokens));
        Assert.Empty(tokens);
    }

    private static byte[] Extract(byte[] events, Dictionary<string, byte[]> tokens, IReadOnlyList<TokenRange>? found = null)
    {
        using var output = new MemoryStream();
        LargeStrings.WriteExtracted(events, tokens, found, output);
        return output.ToArray();
    }

    private static byte[] Joined(JsonArray events) =>
        Encoding.UTF8.GetBytes(string.Join(',', events.Select(e => e!.ToJsonString())));

    private static async Task<byte[]> RestoreAsync(byte[] extracted, Dictionary<string, byte[]> tokens)
    {
        using var output = new MemoryStream();
        await LargeStrings.RestoreAsync(extracted, hash => ValueTask.FromResult(tokens[hash]), output, CancellationToken.None);
        return output.ToArray();
    }
}
