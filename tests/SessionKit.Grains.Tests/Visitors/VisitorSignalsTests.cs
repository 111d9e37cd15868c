using System.Text;
using SessionKit.Grains.Visitors;

namespace SessionKit.Grains.Tests.Visitors;

public sealed class VisitorSignalsTests
{
    [Fact]
    public void IdentifyAndTabEventsAreReadWithTheirClientTimes()
    {
        var (identifies, tabs) = VisitorSignals.Read(Events(
            """{"type":3,"timestamp":1,"data":{"source":1}}""",
            """{"type":5,"timestamp":1000,"data":{"tag":"sessionkit/identify","payload":{"userId":"ada","traits":{"plan":"pro","seats":3,"admin":true,"nested":{"x":1},"none":null}}}}""",
            """{"type":5,"timestamp":1500,"data":{"tag":"sessionkit/tab","payload":{"kind":"focused","tabId":"t-2"}}}""",
            """{"type":5,"timestamp":1600,"data":{"tag":"sessionkit/tab","payload":{"kind":"hidden"}}}"""), sessionTabId: "t-1");

        var identified = Assert.Single(identifies);
        Assert.Equal("ada", identified.UserId);
        Assert.Equal(1000, identified.AtMs);
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "pro", ["seats"] = "3", ["admin"] = "true" }, identified.Traits);
        Assert.Equal([new TabAnnounced("t-2", "focused", 1500), new TabAnnounced("t-1", "hidden", 1600)], tabs);
    }

    [Fact]
    public void MalformedOrForeignCustomEventsAreIgnored()
    {
        var (identifies, tabs) = VisitorSignals.Read(Events(
            """{"type":5,"timestamp":1,"data":{"tag":"sessionkit/identify","payload":{"userId":""}}}""",
            """{"type":5,"timestamp":2,"data":{"tag":"sessionkit/identify","payload":{"userId":42}}}""",
            """{"type":5,"timestamp":3,"data":{"tag":"sessionkit/tab","payload":{"kind":"minimized"}}}""",
            """{"type":5,"timestamp":4,"data":{"tag":"shop/sessionkit/identify","payload":{"userId":"x"}}}""",
            """{"type":4,"timestamp":5,"data":{"tag":"sessionkit/identify","payload":{"userId":"x"}}}"""), sessionTabId: null);

        Assert.Empty(identifies);
        Assert.Empty(tabs);
    }

    [Fact]
    public void ABatchWithoutSessionKitEventsIsNotParsed()
    {
        // Not even valid JSON: the byte search alone decides.
        Assert.Equal(([], []), VisitorSignals.Read(Encoding.UTF8.GetBytes("{not json"), "t"));
    }

    private static byte[] Events(params string[] events) => Encoding.UTF8.GetBytes(string.Join(',', events));
}
