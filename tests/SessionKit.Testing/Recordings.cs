using System.Text.Json.Nodes;
using Xunit;

namespace SessionKit.Testing;

/// <summary>The real rrweb recordings in ../shared/fixtures/recordings, read at test time.</summary>
public static class Recordings
{
    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(RepositoryPaths.Recordings, "*.json").Select(Path.GetFileName).Order()!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static JsonArray Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Recordings, name)))!.AsArray();

    /// <summary>Splits events into batches of at most <paramref name="maxEvents"/> events and roughly <paramref name="maxBytes"/> of JSON.</summary>
    public static List<JsonArray> Batch(JsonArray events, int maxEvents = 25, int maxBytes = 512 * 1024)
    {
        var batches = new List<JsonArray>();
        var current = new JsonArray();
        var bytes = 0;
        foreach (var item in events)
        {
            var size = item!.ToJsonString().Length;
            if (current.Count > 0 && (current.Count >= maxEvents || bytes + size > maxBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(item.DeepClone());
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
