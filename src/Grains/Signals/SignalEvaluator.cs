using System.Text.Json;
using SessionKit.Grains.Signals.Detectors;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>
/// Evaluates one session's rrweb events as they come, live in its grain or over a stored recording: the same
/// stream in the same order gives the same signals. Work per event is bounded apart from reading the event
/// itself, memory per session is bounded (<see cref="SignalOptions.MaxNodes"/>, each detector's small state).
/// </summary>
public sealed class SignalEvaluator
{
    private const int FullSnapshot = 2;
    private const int IncrementalSnapshot = 3;
    private const int Meta = 4;
    private const int Custom = 5;

    private const int MutationSource = 0;
    private const int MouseMoveSource = 1;
    private const int MouseInteractionSource = 2;
    private const int ScrollSource = 3;
    private const int InputSource = 5;
    private const int ClickInteraction = 2;

    /// <summary>The tag of the custom event the SDK records an uncaught error or unhandled rejection as.</summary>
    public const string ErrorEventTag = "sessionkit/error";

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 1024 };

    /// <summary>
    /// Strings this long are read only as far as their labels reach (<see cref="Json.LabelBytes"/>): a snapshot's
    /// bytes are mostly inlined style sheets and images, none of which need be copied or parsed to name a button.
    /// Page URLs and error messages are read whole; ones this long (past browsers' 8 KB URL limits) are read by
    /// their first 2 KB.
    /// </summary>
    private const int LongStringBytes = 8192;

    private readonly SignalContext _context;
    private readonly ISignalDetector[] _detectors =
    [
        new RageClickDetector(), new DeadClickDetector(), new ErrorClickDetector(), new ThrashedCursorDetector(),
        new ExcessiveScrollDetector(), new QuickBackDetector(), new FormAbandonmentDetector(),
    ];

    public SignalEvaluator(SignalThresholds thresholds, int maxNodes = 20_000, int maxSignals = 500) =>
        _context = new SignalContext(thresholds, maxNodes, maxSignals);

    public SignalEvaluator(SignalOptions options, string projectId)
        : this(options.For(projectId), options.MaxNodes, options.MaxSignalsPerSession)
    {
    }

    /// <summary>Signals raised so far; the next one gets this index.</summary>
    public int RaisedCount => _context.RaisedCount;

    /// <summary>Nodes remembered of the current page (for memory measurements).</summary>
    public int NodeCount => _context.Nodes.Count;

    /// <summary>The nodes remembered of the current page, for tests that compare two ways of reading it.</summary>
    internal IEnumerable<KeyValuePair<int, DomNode>> Nodes => _context.Nodes.Entries;

    /// <summary>
    /// Feeds events given as UTF-8 JSON joined by commas without brackets (a batch or a stored segment).
    /// <paramref name="layout"/>: what ingest's parser saw of them; else the same is looked for (the same signals either way).
    /// </summary>
    public void Feed(ReadOnlySpan<byte> eventsJson, List<Signal> raised, BatchLayout? layout = null)
    {
        if (eventsJson.IsEmpty)
        {
            return;
        }

        var longStrings = (layout?.LargeStrings ?? JsonStringTokens.AtLeast(eventsJson, LongStringBytes)).Where(s => s.Length >= LongStringBytes).ToList();
        using var array = BracketedEvents.WithLongStringsCut(eventsJson, longStrings, Json.LabelBytes);
        var events = array.Memory;
        var snapshots = layout is null ? SnapshotReader.FindAll(events.Span) : [.. layout.FullSnapshots.Select(array.Map)];
        if (snapshots.Count == 0)
        {
            FeedArray(events, raised);
            return;
        }

        // Full snapshots are walked with a reader; the events between them go through one JsonDocument per run.
        var at = 1;
        foreach (var snapshot in snapshots)
        {
            FeedRun(events[at..snapshot.Start], raised);
            FeedSnapshot(events.Slice(snapshot.Start, snapshot.Length), raised);
            at = snapshot.Start + snapshot.Length;
        }

        FeedRun(events[at..^1], raised);
    }

    /// <summary>Feeds one rrweb event; signals it completes are added to <paramref name="raised"/>.</summary>
    public void Feed(JsonElement item, List<Signal> raised)
    {
        if (Json.Long(item, "timestamp") is not { } at || Json.Int(item, "type") is not { } type
            || !item.TryGetProperty("data", out var data))
        {
            return;
        }

        _context.RaiseInto(raised);
        try
        {
            if (type == Meta)
            {
                // The page changes before its first moment counts: a click left waiting on the page before was answered by leaving it.
                Page(at, Json.String(data, "href"));
            }

            foreach (var detector in _detectors)
            {
                detector.OnTime(at, _context);
            }

            switch (type)
            {
                case FullSnapshot when data.TryGetProperty("node", out var node):
                    _context.Nodes.Reset(node);
                    break;
                case IncrementalSnapshot:
                    OnIncremental(at, data);
                    break;
                case Custom when Json.String(data, "tag") == ErrorEventTag:
                    var message = data.TryGetProperty("payload", out var payload) ? Json.String(payload, "message") : null;
                    Each(detector => detector.OnError(at, message ?? "(no message)", _context));
                    break;
            }
        }
        finally
        {
            _context.RaiseInto(null);
        }
    }

    private void FeedArray(ReadOnlyMemory<byte> array, List<Signal> raised)
    {
        using var document = JsonDocument.Parse(array, ParseOptions);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            Feed(item, raised);
        }
    }

    /// <summary>Events between two full snapshots, with the commas that part them from those.</summary>
    private void FeedRun(ReadOnlyMemory<byte> run, List<Signal> raised)
    {
        var events = run.Span.Trim(" \t\r\n,"u8);
        if (!events.IsEmpty)
        {
            using var array = new BracketedEvents(events);
            FeedArray(array.Memory, raised);
        }
    }

    /// <summary>
    /// One full snapshot event, as <see cref="Feed(JsonElement, List{Signal})"/> takes it (the detectors see the time
    /// before the page is replaced), with its node tree read by <see cref="SnapshotReader"/>. One that is not what
    /// ingest took for a snapshot after all (its type read otherwise, its data no object) goes the general way.
    /// </summary>
    private void FeedSnapshot(ReadOnlyMemory<byte> item, List<Signal> raised)
    {
        var (type, at, dataIsObject, hasNode, root) = SnapshotReader.ReadEvent(item.Span);
        if (type != FullSnapshot || !dataIsObject)
        {
            using var document = JsonDocument.Parse(item, ParseOptions);
            Feed(document.RootElement, raised);
            return;
        }

        if (at is null)
        {
            return;
        }

        _context.RaiseInto(raised);
        try
        {
            foreach (var detector in _detectors)
            {
                detector.OnTime(at.Value, _context);
            }

            if (hasNode)
            {
                _context.Nodes.Reset(root);
            }
        }
        finally
        {
            _context.RaiseInto(null);
        }
    }

    private void Page(long at, string? href)
    {
        var url = WithoutFragment(href);
        if (url is null || url == _context.Url)
        {
            // A new snapshot of the same page (rrweb takes one on demand) is no navigation.
            return;
        }

        var previous = _context.Url;
        Each(detector => detector.OnPage(at, url, previous, _context));
        _context.Url = url;
    }

    private void OnIncremental(long at, JsonElement data)
    {
        switch (Json.Int(data, "source"))
        {
            case MutationSource:
                _context.Nodes.ApplyMutation(data);
                if (Changes(data))
                {
                    Each(detector => detector.OnDomChange(at, _context));
                }

                break;
            case MouseMoveSource when data.TryGetProperty("positions", out var positions) && positions.ValueKind == JsonValueKind.Array:
                foreach (var position in positions.EnumerateArray())
                {
                    if (Json.Int(position, "x") is { } x && Json.Int(position, "y") is { } y)
                    {
                        var when = at + (Json.Long(position, "timeOffset") ?? 0);
                        var id = Json.Int(position, "id") ?? -1;
                        Each(detector => detector.OnPointerMove(when, x, y, id, _context));
                    }
                }

                break;
            case MouseInteractionSource when Json.Int(data, "type") == ClickInteraction && Json.Int(data, "id") is { } clicked:
                Each(detector => detector.OnClick(at, clicked, Json.Int(data, "x"), Json.Int(data, "y"), _context));
                break;
            case ScrollSource when Json.Int(data, "id") is { } scrolled:
                Each(detector => detector.OnScroll(at, scrolled, Json.Int(data, "x") ?? 0, Json.Int(data, "y") ?? 0, _context));
                break;
            case InputSource when Json.Int(data, "id") is { } input:
                Each(detector => detector.OnInput(at, input, _context));
                break;
        }
    }

    private void Each(Action<ISignalDetector> call)
    {
        foreach (var detector in _detectors)
        {
            call(detector);
        }
    }

    private static bool Changes(JsonElement data)
    {
        foreach (var name in (ReadOnlySpan<string>)["adds", "removes", "texts", "attributes"])
        {
            if (data.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string? WithoutFragment(string? href)
    {
        if (string.IsNullOrEmpty(href))
        {
            return null;
        }

        var hash = href.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? href : href[..hash];
    }
}
