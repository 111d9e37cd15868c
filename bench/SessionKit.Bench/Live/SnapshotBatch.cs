using System.Text;
using System.Text.Json.Nodes;

namespace SessionKit.Bench.Live;

/// <summary>
/// The first batch every simulated page sends: the Meta event and the FullSnapshot that follows it in
/// a real recording (read at run time from the shared fixtures), restamped with the current time.
/// </summary>
internal sealed class SnapshotBatch
{
    private readonly JsonObject _meta;
    private readonly JsonObject _fullSnapshot;

    private SnapshotBatch(JsonObject meta, JsonObject fullSnapshot) => (_meta, _fullSnapshot) = (meta, fullSnapshot);

    public int Bytes => Body(0).Length;

    public static SnapshotBatch Load(string path)
    {
        var events = JsonNode.Parse(File.ReadAllText(path))?.AsArray()
            ?? throw new InvalidDataException($"{path} is not a JSON array of rrweb events.");
        var metaIndex = events.ToList().FindIndex(e => TypeOf(e) == 4);
        var snapshotIndex = metaIndex < 0 ? -1 : events.ToList().FindIndex(metaIndex, e => TypeOf(e) == 2);
        if (snapshotIndex < 0)
        {
            throw new InvalidDataException($"{path} has no Meta event followed by a FullSnapshot.");
        }

        return new SnapshotBatch(events[metaIndex]!.AsObject(), events[snapshotIndex]!.AsObject());
    }

    /// <summary><c>{ "seq": 0, "events": [meta, fullSnapshot] }</c> stamped <paramref name="unixMilliseconds"/>.</summary>
    public byte[] Body(long unixMilliseconds)
    {
        var meta = _meta.DeepClone().AsObject();
        var snapshot = _fullSnapshot.DeepClone().AsObject();
        meta["timestamp"] = unixMilliseconds;
        snapshot["timestamp"] = unixMilliseconds;
        var body = new JsonObject { ["seq"] = 0, ["events"] = new JsonArray(meta, snapshot) };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static int TypeOf(JsonNode? recorded) =>
        recorded is JsonObject o && o["type"] is JsonValue v && v.TryGetValue<int>(out var type) ? type : -1;
}
