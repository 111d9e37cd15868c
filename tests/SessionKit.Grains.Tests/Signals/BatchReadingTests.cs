using System.Text;
using System.Text.Json;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Grains.Tests.Signals;

/// <summary>
/// A batch is evaluated with its long strings cut to what labels read of them and its full snapshots walked by a
/// reader, with or without ingest's layout of it: real recordings must give the same signals and the same node map
/// as evaluating every event whole, also when the map's bound is reached.
/// </summary>
public sealed class BatchReadingTests
{
    public static TheoryData<string, int> Recordings()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in SessionKit.Testing.Recordings.Names)
        {
            data.Add(name, 20_000);
            data.Add(name, 300);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void EveryRecordingReadsAsIfEachEventWereReadWhole(string recording, int maxNodes)
    {
        var evaluators = Enumerable.Range(0, 3).Select(_ => new SignalEvaluator(new SignalThresholds(), maxNodes)).ToArray();
        var (whole, looked, laidOut) = (evaluators[0], evaluators[1], evaluators[2]);
        var raised = evaluators.Select(_ => new List<Signal>()).ToArray();

        foreach (var batch in SessionKit.Testing.Recordings.Batch(SessionKit.Testing.Recordings.Load(recording)))
        {
            var events = batch.Select(e => Encoding.UTF8.GetBytes(e!.ToJsonString())).ToList();
            var json = Encoding.UTF8.GetBytes(string.Join(',', events.Select(e => Encoding.UTF8.GetString(e))));
            foreach (var item in events)
            {
                using var document = JsonDocument.Parse(item);
                whole.Feed(document.RootElement, raised[0]);
            }

            looked.Feed(json, raised[1]);
            laidOut.Feed(json, raised[2], Layout(json, events));
            AssertSameNodes(whole, looked);
            AssertSameNodes(whole, laidOut);
        }

        Assert.Equal(JsonSerializer.Serialize(raised[0]), JsonSerializer.Serialize(raised[1]));
        Assert.Equal(JsonSerializer.Serialize(raised[0]), JsonSerializer.Serialize(raised[2]));
    }

    [Fact]
    public void ASnapshotWithOddFieldsReadsAsIfReadWhole()
    {
        // Repeated properties (the last counts), ids after children, a node without id, odd attribute values,
        // a child that is no object, escapes in tag names and texts, a type attribute after the value it decides.
        const string page = """
            {"type":0,"childNodes":[{"type":2,"tagName":"HTML","attributes":{},"childNodes":[
              {"type":2,"tagName":"b\u0055tton","attributes":{"value":"Send","type":"submit","role":7,"type":"button"},"childNodes":[],"id":3},
              {"type":2,"tagName":"a","attributes":{"href":"mailto:x@example.com","class":"a  b"},"childNodes":[
                {"type":3,"textContent":"  Mail\n\u00e9 us ","id":5}, 4, {"type":3,"textContent":"skipped: no id"}],"id":4},
              {"type":2,"tagName":"div","childNodes":[{"type":3,"textContent":"first","id":7}],"childNodes":[{"type":3,"textContent":"last","id":8}],"id":6}
            ],"id":2}],"id":1,"id":1}
            """;
        var json = Encoding.UTF8.GetBytes($$$"""{"type":2,"data":{"node":{{{page}}},"initialOffset":{"top":0}},"timestamp":1000}""");
        var (whole, read) = (new SignalEvaluator(new SignalThresholds()), new SignalEvaluator(new SignalThresholds()));
        using var document = JsonDocument.Parse(json);

        whole.Feed(document.RootElement, []);
        read.Feed(json, []);

        Assert.Equal(7, whole.NodeCount);
        AssertSameNodes(whole, read);
        var nodes = read.Nodes.ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal([1, 2, 3, 4, 5, 6, 8], nodes.Keys.Order());
        Assert.Equal(("#document", -1), (nodes[1].Tag, nodes[1].ParentId));
        Assert.Equal(("html", 1), (nodes[2].Tag, nodes[2].ParentId));
        Assert.Equal(("button", "button", null), (nodes[3].Tag, nodes[3].Type, nodes[3].Role));
        Assert.Equal(("a", "a b", true, "Mail é us"), (nodes[4].Tag, nodes[4].Classes, nodes[4].OpensElsewhere, nodes[4].Text));
        Assert.Equal(("#text", 4), (nodes[5].Tag, nodes[5].ParentId));
        Assert.Equal(("div", "last"), (nodes[6].Tag, nodes[6].Text));
        Assert.Equal(6, nodes[8].ParentId);
    }

    /// <summary>The layout ingest's parser gives of the events joined by commas.</summary>
    private static BatchLayout Layout(byte[] json, List<byte[]> events)
    {
        var snapshots = new List<TokenRange>();
        var offset = 0;
        foreach (var item in events)
        {
            using var document = JsonDocument.Parse(item);
            if (document.RootElement.TryGetProperty("type", out var type) && type.GetInt32() == 2)
            {
                snapshots.Add(new TokenRange(offset, item.Length));
            }

            offset += item.Length + 1;
        }

        return new BatchLayout(JsonStringTokens.AtLeast(json, LargeStrings.MinimumBytes), snapshots);
    }

    private static void AssertSameNodes(SignalEvaluator expected, SignalEvaluator actual) =>
        Assert.Equal(Describe(expected), Describe(actual));

    private static string Describe(SignalEvaluator evaluator) =>
        JsonSerializer.Serialize(evaluator.Nodes.OrderBy(pair => pair.Key).Select(pair => new { pair.Key, pair.Value }));
}
