using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionKit.Bench.Load;

namespace SessionKit.Bench.Replay;

/// <summary>
/// A long session made from a short real recording: the recording itself first, then its incremental
/// events again and again (each pass stamped one recording-length later) until the duration is full,
/// with a new Meta + FullSnapshot every <see cref="PageLoadEvery"/> as a visitor's page loads would
/// bring. Repeated passes leave out mutations that add or remove nodes, which would add a node id
/// twice; texts, attributes, mouse, scroll and input changes replay on the same nodes every time.
/// </summary>
internal static class LongSession
{
    public static readonly TimeSpan PageLoadEvery = TimeSpan.FromMinutes(5);

    private const int FullSnapshot = 2;
    private const int Incremental = 3;
    private const int Meta = 4;
    private const int MutationSource = 0;

    // Snapshots of deep pages nest beyond System.Text.Json's default depth of 64.
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 512 };
    private static readonly JsonSerializerOptions DeepWrite = new() { MaxDepth = 512 };

    public static Recording Build(Recording source, TimeSpan duration)
    {
        var nodes = source.Events.Select(e => JsonNode.Parse(e.Json, documentOptions: Deep)!.AsObject()).ToList();
        var meta = nodes.First(n => TypeOf(n) == Meta);
        var snapshot = nodes.First(n => TypeOf(n) == FullSnapshot);
        var repeatable = nodes.Where(IsRepeatable).ToList();
        var first = source.Events.Min(e => e.Timestamp);
        var pass = (long)source.Span.TotalMilliseconds + 1000;
        var end = first + (long)duration.TotalMilliseconds;

        var events = new List<RecordedEvent>(source.Events);
        var lastPageLoad = first;
        for (var offset = pass; first + offset < end; offset += pass)
        {
            if (first + offset - lastPageLoad >= PageLoadEvery.TotalMilliseconds)
            {
                lastPageLoad = first + offset;
                events.Add(Stamped(meta, lastPageLoad));
                events.Add(Stamped(snapshot, lastPageLoad));
            }

            foreach (var node in repeatable)
            {
                var at = node["timestamp"]!.GetValue<long>() + offset;
                if (at >= end)
                {
                    break;
                }

                events.Add(Stamped(node, at));
            }
        }

        var name = $"{Path.GetFileNameWithoutExtension(source.Name)} x{duration.TotalMinutes:0} min";
        return Recording.FromEvents(name, events, source.Href, source.Width, source.Height);
    }

    private static bool IsRepeatable(JsonObject node)
    {
        if (TypeOf(node) != Incremental || node["data"] is not JsonObject data)
        {
            return false;
        }

        var source = data["source"] is JsonValue value && value.TryGetValue<int>(out var s) ? s : -1;
        return source != MutationSource || (Empty(data["adds"]) && Empty(data["removes"]));
    }

    private static bool Empty(JsonNode? list) => list is not JsonArray array || array.Count == 0;

    private static int TypeOf(JsonObject node) => node["type"] is JsonValue v && v.TryGetValue<int>(out var type) ? type : -1;

    private static RecordedEvent Stamped(JsonObject node, long timestamp)
    {
        var copy = node.DeepClone().AsObject();
        copy["timestamp"] = timestamp;
        return new RecordedEvent(Encoding.UTF8.GetBytes(copy.ToJsonString(DeepWrite)), timestamp);
    }
}
