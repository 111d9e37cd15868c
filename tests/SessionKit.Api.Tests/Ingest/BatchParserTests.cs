using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Api.Ingest;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

public sealed class BatchParserTests
{
    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public void TheLargeStringsAndFullSnapshotsOfEveryBatchAreFoundWhereTheyAre(string recording)
    {
        foreach (var events in Recordings.Batch(Recordings.Load(recording)))
        {
            var (batch, problem) = BatchParser.Parse(Encoding.UTF8.GetBytes(new JsonObject { ["seq"] = 1, ["events"] = events }.ToJsonString()), "p1");

            Assert.Null(problem);
            Assert.Equal(JsonStringTokens.AtLeast(batch!.EventsJson.Span, LargeStrings.MinimumBytes), batch.Layout!.LargeStrings);
            Assert.All(batch.Layout.LargeStrings, s => Assert.Equal((byte)'"', batch.EventsJson.Span[s.Start + s.Length - 1]));
            var snapshots = batch.Layout.FullSnapshots
                .Select(s => JsonNode.Parse(batch.EventsJson.Span.Slice(s.Start, s.Length))!.ToJsonString()).ToList();
            Assert.Equal(events.Where(e => (int)e!["type"]! == 2).Select(e => e!.ToJsonString()), snapshots);
        }
    }

    [Fact]
    public void EventsAreSlicedExactlyAsSentWithTheirSummary()
    {
        const string events = "{\"type\":4, \"timestamp\":5,\"data\":{\"href\":\"https://a.example/x\",\"width\":1}} ,\n{\"timestamp\":3,\"type\":3}";
        var (batch, problem) = BatchParser.Parse(Encoding.UTF8.GetBytes("{\"seq\":7,\"extra\":[1,{}],\"events\":[ " + events + " ]}"), "p1");

        Assert.Null(problem);
        Assert.Equal("p1", batch!.ProjectId);
        Assert.Equal(7, batch.Seq);
        Assert.Equal(2, batch.EventCount);
        Assert.Equal(events, Encoding.UTF8.GetString(batch.EventsJson.Span));
        Assert.Equal(["https://a.example/x"], batch.PageUrls);
        Assert.Equal(3, batch.MinTimestamp);
        Assert.Equal(5, batch.MaxTimestamp);
        Assert.Null(batch.SnapshotOffset);
    }

    [Fact]
    public void TheEventsAreASliceOfTheBodyNotACopy()
    {
        var body = Encoding.UTF8.GetBytes("{\"seq\":1,\"events\":[{\"type\":3,\"timestamp\":1}]}");

        var (batch, _) = BatchParser.Parse(body, "p1");

        Assert.True(MemoryMarshal.TryGetArray(batch!.EventsJson, out var slice));
        Assert.Same(body, slice.Array);
        Assert.Equal("{\"seq\":1,\"events\":[".Length, slice.Offset);
    }

    [Fact]
    public void SnapshotOffsetPointsAtTheMetaBeforeTheLastFullSnapshot()
    {
        var sent = new JsonArray
        {
            new JsonObject { ["type"] = 4, ["timestamp"] = 1, ["data"] = new JsonObject { ["href"] = "https://a.example/" } },
            new JsonObject { ["type"] = 2, ["timestamp"] = 1, ["data"] = new JsonObject() },
            new JsonObject { ["type"] = 3, ["timestamp"] = 2, ["data"] = new JsonObject() },
            new JsonObject { ["type"] = 4, ["timestamp"] = 3, ["data"] = new JsonObject { ["href"] = "https://a.example/next" } },
            new JsonObject { ["type"] = 2, ["timestamp"] = 3, ["data"] = new JsonObject() },
            new JsonObject { ["type"] = 3, ["timestamp"] = 4, ["data"] = new JsonObject() },
        };
        var (batch, _) = BatchParser.Parse(Encoding.UTF8.GetBytes(new JsonObject { ["seq"] = 0, ["events"] = sent }.ToJsonString()), "p1");

        var tail = JsonNode.Parse("[" + Encoding.UTF8.GetString(batch!.EventsJson.Span.Slice(batch.SnapshotOffset!.Value)) + "]")!.AsArray();
        Assert.Equal([4, 2, 3], tail.Select(e => (int)e!["type"]!));
        Assert.Equal(3, (int)tail[0]!["timestamp"]!);
    }

    [Fact]
    public void FullSnapshotWithoutMetaStartsAtItself()
    {
        var body = "{\"seq\":0,\"events\":[{\"type\":3,\"timestamp\":1},{\"type\":2,\"timestamp\":2}]}";
        var (batch, _) = BatchParser.Parse(Encoding.UTF8.GetBytes(body), "p1");
        Assert.StartsWith("{\"type\":2", Encoding.UTF8.GetString(batch!.EventsJson.Span.Slice(batch.SnapshotOffset!.Value)), StringComparison.Ordinal);
    }
}
