using System.Text;
using SessionKit.Grains.Signals;

namespace SessionKit.Testing;

/// <summary>
/// Builds rrweb event streams for the detectors: a small checkout page (node ids below) and the events a
/// visitor makes on it, in rrweb's own JSON shape.
/// </summary>
public sealed class EventStream
{
    public const int PayButton = 10;
    public const int PayLabel = 11;
    public const int DocsLink = 12;
    public const int Content = 30;
    public const int CheckoutForm = 20;
    public const int EmailField = 21;
    public const int CardField = 22;
    public const int SendButton = 23;
    public const int SearchField = 40;

    public const string Shop = "https://shop.example.com/cart";
    public const string Help = "https://shop.example.com/help";

    private static readonly string Page = """
        {"type":0,"id":1,"childNodes":[{"type":2,"id":2,"tagName":"html","attributes":{},"childNodes":[
          {"type":2,"id":3,"tagName":"body","attributes":{},"childNodes":[
            {"type":2,"id":10,"tagName":"button","attributes":{"id":"pay","class":"primary"},"childNodes":[{"type":3,"id":11,"textContent":"  Pay now "}]},
            {"type":2,"id":12,"tagName":"a","attributes":{"href":"/docs"},"childNodes":[{"type":3,"id":13,"textContent":"Docs"}]},
            {"type":2,"id":14,"tagName":"a","attributes":{"href":"mailto:help@example.com"},"childNodes":[{"type":3,"id":15,"textContent":"Mail us"}]},
            {"type":2,"id":20,"tagName":"form","attributes":{"id":"checkout"},"childNodes":[
              {"type":2,"id":21,"tagName":"input","attributes":{"name":"email","type":"email","value":"****"},"childNodes":[]},
              {"type":2,"id":22,"tagName":"input","attributes":{"name":"card","type":"text"},"childNodes":[]},
              {"type":2,"id":23,"tagName":"button","attributes":{"type":"submit"},"childNodes":[{"type":3,"id":24,"textContent":"Send"}]}]},
            {"type":2,"id":30,"tagName":"div","attributes":{"class":"content long"},"childNodes":[{"type":3,"id":31,"textContent":"Lorem"}]},
            {"type":2,"id":40,"tagName":"input","attributes":{"name":"q","type":"search"},"childNodes":[]}]}]}]}
        """;

    private readonly List<string> _events = [];

    public EventStream Meta(long at, string href = Shop) =>
        Add($$$"""{"type":4,"timestamp":{{{at}}},"data":{"href":"{{{href}}}","width":1280,"height":800}}""");

    public EventStream Snapshot(long at) =>
        Add($$$"""{"type":2,"timestamp":{{{at}}},"data":{"node":{{{Page}}},"initialOffset":{"top":0,"left":0}}""" + "}");

    /// <summary>A page load: Meta and full snapshot, as rrweb records them.</summary>
    public EventStream Load(long at, string href = Shop) => Meta(at, href).Snapshot(at);

    public EventStream Click(long at, int id = PayButton, int x = 100, int y = 200) =>
        Add($$$"""{"type":3,"timestamp":{{{at}}},"data":{"source":2,"type":2,"id":{{{id}}},"x":{{{x}}},"y":{{{y}}}}}""");

    public EventStream Clicks(long at, int count, int everyMs, int id = PayButton, int stepPx = 0)
    {
        for (var i = 0; i < count; i++)
        {
            Click(at + (i * everyMs), id, 100 + (i * stepPx), 200);
        }

        return this;
    }

    public EventStream Mutation(long at) =>
        Add($$$"""{"type":3,"timestamp":{{{at}}},"data":{"source":0,"texts":[],"attributes":[{"id":30,"attributes":{"class":"content busy"}}],"removes":[],"adds":[]}}""");

    public EventStream Move(long at, int x, int y, int id = Content) =>
        Add($$$"""{"type":3,"timestamp":{{{at}}},"data":{"source":1,"positions":[{"x":{{{x}}},"y":{{{y}}},"id":{{{id}}},"timeOffset":0}]}}""");

    public EventStream Scroll(long at, int y, int id = 1) =>
        Add($$$"""{"type":3,"timestamp":{{{at}}},"data":{"source":3,"id":{{{id}}},"x":0,"y":{{{y}}}}}""");

    public EventStream Input(long at, int id) =>
        Add($$$"""{"type":3,"timestamp":{{{at}}},"data":{"source":5,"id":{{{id}}},"text":"****","isChecked":false}}""");

    public EventStream Error(long at, string message = "TypeError: cart is undefined") =>
        Add($$$"""{"type":5,"timestamp":{{{at}}},"data":{"tag":"sessionkit/error","payload":{"message":"{{{message}}}","stack":"at pay (shop.js:1:2)","kind":"error"}}""" + "}");

    /// <summary>Something unrelated later on, so windows that are still open get decided.</summary>
    public EventStream Later(long at) => Move(at, 5, 5, 3);

    public IReadOnlyList<string> Events => _events;

    public byte[] Utf8 => Encoding.UTF8.GetBytes(string.Join(',', _events));

    public List<Signal> Evaluate(SignalThresholds? thresholds = null)
    {
        var raised = new List<Signal>();
        new SignalEvaluator(thresholds ?? new SignalThresholds()).Feed(Utf8, raised);
        return raised;
    }

    private EventStream Add(string json)
    {
        _events.Add(json);
        return this;
    }
}
