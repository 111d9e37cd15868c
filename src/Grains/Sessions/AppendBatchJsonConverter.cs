using System.Text.Json;
using System.Text.Json.Serialization;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>
/// An <see cref="AppendBatch"/> as JSON (how it crosses between nodes): a gzipped batch carries only
/// <see cref="AppendBatch.Received"/>, a seventh of the events' size, instead of the events as well, and the
/// reader slices the events out of it again exactly as ingest did, so the layout offsets still hold.
/// </summary>
internal sealed class AppendBatchJsonConverter : JsonConverter<AppendBatch>
{
    public override void Write(Utf8JsonWriter writer, AppendBatch value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, Wire.From(value), options);

    public override AppendBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var wire = JsonSerializer.Deserialize<Wire>(ref reader, options)
            ?? throw new JsonException("An append batch is null.");
        return wire.ToBatch(wire.EventsJson is { } events ? events : EventsOf(wire.Received));
    }

    private static ReadOnlyMemory<byte> EventsOf(byte[]? received)
    {
        if (received is null)
        {
            throw new JsonException("An append batch carries neither its events nor the body they came in.");
        }

        try
        {
            return PendingBatchBody.Events(received);
        }
        catch (InvalidDataException ex)
        {
            throw new JsonException("An append batch's body is not a valid gzipped batch: " + ex.Message, ex);
        }
    }

    /// <summary>The batch's fields with the events optional: left out whenever the gzipped body holds them.</summary>
    private sealed record Wire(
        string ProjectId,
        long Seq,
        int EventCount,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? EventsJson,
        IReadOnlyList<string> PageUrls,
        long? MinTimestamp,
        long? MaxTimestamp,
        int? SnapshotOffset,
        BatchLayout? Layout,
        byte[]? Received)
    {
        public static Wire From(AppendBatch batch) => new(
            batch.ProjectId, batch.Seq, batch.EventCount, batch.Received is null ? batch.EventsJson.ToArray() : null, batch.PageUrls,
            batch.MinTimestamp, batch.MaxTimestamp, batch.SnapshotOffset, batch.Layout, batch.Received);

        public AppendBatch ToBatch(ReadOnlyMemory<byte> events) => new(
            ProjectId, Seq, EventCount, events, PageUrls, MinTimestamp, MaxTimestamp, SnapshotOffset, Layout, Received);
    }
}
