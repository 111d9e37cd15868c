using System.Text;
using System.Text.Json;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Storage;

public sealed class BracketedEventsTests
{
    private const int Keep = 2048;
    private const int Minimum = 4096;

    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public void CuttingLongStringsKeepsEveryValueAndTheStartOfEveryString(string recording)
    {
        foreach (var events in new[] { JsonStringTokensTests.RawEvents(recording), JsonStringTokensTests.ReserializedEvents(recording) })
        {
            using var whole = new BracketedEvents(events);
            using var cut = Cut(events);
            using var wholeDocument = JsonDocument.Parse(whole.Memory);
            using var cutDocument = JsonDocument.Parse(cut.Memory);

            AssertCutFrom(wholeDocument.RootElement, cutDocument.RootElement);
        }
    }

    [Fact]
    public void ShortStringsAreCopiedAsTheyAre()
    {
        var events = Encoding.UTF8.GetBytes("""{"type":3,"data":{"text":"short \"quoted\""}},{"type":4}""");

        using var cut = Cut(events);

        Assert.Equal("[" + Encoding.UTF8.GetString(events) + "]", Encoding.UTF8.GetString(cut.Memory.Span));
    }

    [Fact]
    public void ALongStringKeepsItsFirstBytesAndTheRestOfTheEventIsIntact()
    {
        var css = new string('x', 10_000);
        var events = Encoding.UTF8.GetBytes($$$"""{"type":2,"data":{"_cssText":"{{{css}}}","after":1}}""");

        using var cut = Cut(events);
        using var document = JsonDocument.Parse(cut.Memory);

        var data = document.RootElement[0].GetProperty("data");
        Assert.Equal(new string('x', Keep), data.GetProperty("_cssText").GetString());
        Assert.Equal(1, data.GetProperty("after").GetInt32());
        Assert.True(cut.Memory.Length < Keep + 100);
    }

    private static BracketedEvents Cut(byte[] events) =>
        BracketedEvents.WithLongStringsCut(events, JsonStringTokens.AtLeast(events, Minimum), content => JsonStringTokens.WholePrefix(content, Keep));

    private static void AssertCutFrom(JsonElement whole, JsonElement cut)
    {
        Assert.Equal(whole.ValueKind, cut.ValueKind);
        switch (whole.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(whole.EnumerateObject().Select(p => p.Name), cut.EnumerateObject().Select(p => p.Name));
                foreach (var property in whole.EnumerateObject())
                {
                    AssertCutFrom(property.Value, cut.GetProperty(property.Name));
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(whole.GetArrayLength(), cut.GetArrayLength());
                foreach (var (item, cutItem) in whole.EnumerateArray().Zip(cut.EnumerateArray()))
                {
                    AssertCutFrom(item, cutItem);
                }

                break;
            case JsonValueKind.String:
                var value = whole.GetString()!;
                var kept = cut.GetString()!;
                if (Encoding.UTF8.GetByteCount(whole.GetRawText()) < Minimum)
                {
                    Assert.Equal(value, kept);
                }
                else
                {
                    Assert.StartsWith(kept, value, StringComparison.Ordinal);
                    Assert.InRange(Encoding.UTF8.GetByteCount(cut.GetRawText()) - 2, Keep - 12, Keep);
                }

                break;
            default:
                Assert.Equal(whole.GetRawText(), cut.GetRawText());
                break;
        }
    }
}
