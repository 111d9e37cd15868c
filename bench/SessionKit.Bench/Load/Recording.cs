using System.Text;
using System.Text.Json;

namespace SessionKit.Bench.Load;

/// <summary>One rrweb event exactly as recorded (its JSON bytes, sent and compared as they are) and its timestamp.</summary>
internal sealed record RecordedEvent(byte[] Json, long Timestamp);

/// <summary>
/// A recording: an rrweb JSON array file, its events in file order (the order the recorder emitted
/// them, which is not always timestamp order), and what a session start needs from its Meta event.
/// </summary>
internal sealed class Recording
{
    private Recording(string path, IReadOnlyList<RecordedEvent> events, string? href, int? width, int? height)
    {
        (Path, Events, Href, Width, Height) = (path, events, href, width, height);
        RawBytes = events.Sum(e => (long)e.Json.Length) + Math.Max(0, events.Count - 1) + 2;
        var timestamps = events.Select(e => e.Timestamp).ToList();
        Span = TimeSpan.FromMilliseconds(timestamps.Max() - timestamps.Min());
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public IReadOnlyList<RecordedEvent> Events { get; }

    /// <summary>The events as one compact JSON array: <c>[e1,e2,...]</c>, each event as recorded.</summary>
    public long RawBytes { get; }

    /// <summary>First to last timestamp.</summary>
    public TimeSpan Span { get; }

    public string? Href { get; }

    public int? Width { get; }

    public int? Height { get; }

    /// <summary>The recordings named: files, or directories whose *.json files are each one recording (sorted by name).</summary>
    public static IReadOnlyList<Recording> LoadAll(IEnumerable<string> paths)
    {
        var files = paths.SelectMany<string, string>(path => Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal)
                : File.Exists(path) ? [path] : throw new UsageException($"No recording or directory at {path}."))
            .ToList();
        return files.Count > 0 ? [.. files.Select(Load)] : throw new UsageException("No *.json recording found in " + string.Join(", ", paths));
    }

    /// <summary>A recording made up by a benchmark (named like a file, for the reports).</summary>
    public static Recording FromEvents(string name, IReadOnlyList<RecordedEvent> events, string? href, int? width, int? height) =>
        events.Count > 0 ? new Recording(name, events, href, width, height) : throw new ArgumentException("No events.", nameof(events));

    public static Recording Load(string path)
    {
        // Snapshots of deep pages nest far beyond the default depth of 64 (the server allows 512 too).
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 512 });
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{path} is not a non-empty JSON array of rrweb events.");
        }

        var events = new List<RecordedEvent>();
        string? href = null;
        int? width = null, height = null;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("timestamp", out var timestamp)
                || timestamp.ValueKind != JsonValueKind.Number || !element.TryGetProperty("type", out var type))
            {
                throw new InvalidDataException($"{path}: event {events.Count} has no numeric type and timestamp.");
            }

            if (href is null && type.TryGetInt32(out var kind) && kind == 4 && element.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                href = data.TryGetProperty("href", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
                width = data.TryGetProperty("width", out var w) && w.TryGetInt32(out var wv) ? wv : null;
                height = data.TryGetProperty("height", out var hh) && hh.TryGetInt32(out var hv) ? hv : null;
            }

            var stamp = timestamp.TryGetInt64(out var whole) ? whole : (long)timestamp.GetDouble();
            events.Add(new RecordedEvent(Encoding.UTF8.GetBytes(element.GetRawText()), stamp));
        }

        return new Recording(path, events, href, width, height);
    }
}
