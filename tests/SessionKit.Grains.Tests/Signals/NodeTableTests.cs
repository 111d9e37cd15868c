using System.Text.Json;
using SessionKit.Grains.Signals;

namespace SessionKit.Grains.Tests.Signals;

/// <summary>
/// The node map's packed storage must keep exactly what a dictionary of node objects would: checked against one
/// through long random runs of the writes the map makes (nodes stored and replaced, texts changed, nodes removed,
/// the page replaced), enough of them that slots are reused and the character buffer is grown and compacted.
/// </summary>
public sealed class NodeTableTests
{
    private static readonly string[] Tags = ["div", "a", "button", "#text", "input", "form", "my-widget", "#other"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void KeepsWhatADictionaryOfNodesWouldThroughRandomWrites(int seed)
    {
        var random = new Random(seed);
        var table = new NodeTable();
        var model = new Dictionary<int, DomNode>();
        for (var step = 0; step < 20_000; step++)
        {
            var id = random.Next(500);
            switch (random.Next(10))
            {
                case < 5:
                    var node = RandomNode(random);
                    table.Set(id, node);
                    model[id] = Copy(node);
                    break;
                case < 8:
                    var text = RandomString(random);
                    Assert.Equal(model.TryGetValue(id, out var texted), table.SetText(id, text));
                    texted?.Text = text;
                    break;
                case 8:
                    Assert.Equal(model.Remove(id), table.Remove(id));
                    break;
                default:
                    if (random.Next(50) == 0)
                    {
                        table.Clear();
                        model.Clear();
                    }

                    break;
            }

            if (step % 1_000 == 0)
            {
                AssertSame(model, table);
            }
        }

        AssertSame(model, table);
    }

    [Fact]
    public void WalksUpParentsAndTellsWhetherANodeHasTextWithoutReadingIt()
    {
        var table = new NodeTable();
        table.Set(1, new DomNode { Tag = "div" });
        table.Set(2, new DomNode { Tag = "#text", ParentId = 1, Text = "Pay now" });

        Assert.True(table.TryGetParent(2, out var parent, out var hasText));
        Assert.Equal((1, true), (parent, hasText));
        Assert.True(table.TryGetParent(1, out parent, out hasText));
        Assert.Equal((-1, false), (parent, hasText));
        Assert.False(table.TryGetParent(3, out _, out _));
    }

    [Fact]
    public void ANodeReadIsACopy()
    {
        var table = new NodeTable();
        table.Set(1, new DomNode { Tag = "button", Text = "Send" });

        table.Get(1)!.Text = "changed";

        Assert.Equal("Send", table.Get(1)!.Text);
    }

    private static void AssertSame(Dictionary<int, DomNode> model, NodeTable table)
    {
        Assert.Equal(model.Count, table.Count);
        Assert.Equal(Json(model), Json(table.Entries));
    }

    private static string Json(IEnumerable<KeyValuePair<int, DomNode>> nodes) =>
        JsonSerializer.Serialize(nodes.OrderBy(pair => pair.Key).Select(pair => new { pair.Key, pair.Value }));

    private static DomNode RandomNode(Random random) => new()
    {
        Tag = Tags[random.Next(Tags.Length)],
        ParentId = random.Next(-1, 500),
        Text = RandomString(random),
        ElementId = RandomString(random),
        Classes = RandomString(random),
        Role = RandomString(random),
        Type = RandomString(random),
        Name = RandomString(random),
        AriaLabel = RandomString(random),
        HasHref = random.Next(2) == 0,
        OpensElsewhere = random.Next(2) == 0,
    };

    /// <summary>Null a third of the time; else up to the length labels are cut to, empty and non-ASCII included.</summary>
    private static string? RandomString(Random random) =>
        random.Next(3) == 0 ? null : new string([.. Enumerable.Range(0, random.Next(DomNode.MaxTextLength + 1)).Select(_ => (char)random.Next(32, 0x3000))]);

    private static DomNode Copy(DomNode node) => new()
    {
        Tag = node.Tag, ParentId = node.ParentId, Text = node.Text, ElementId = node.ElementId, Classes = node.Classes, Role = node.Role,
        Type = node.Type, Name = node.Name, AriaLabel = node.AriaLabel, HasHref = node.HasHref, OpensElsewhere = node.OpensElsewhere,
    };
}
