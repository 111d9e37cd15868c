using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionKit.Silo.Storage.Postgres;

[JsonSerializable(typeof(IReadOnlyList<SeqRange>))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;

/// <summary>Seq holes as a jsonb array of { "First", "Last" } objects, the same shape SQLite keeps.</summary>
internal static class PostgresJson
{
    public static string Write(IReadOnlyList<SeqRange> values) =>
        JsonSerializer.Serialize(values, PostgresJsonContext.Default.IReadOnlyListSeqRange);

    public static IReadOnlyList<SeqRange> ReadSeqRanges(string json) =>
        JsonSerializer.Deserialize(json, PostgresJsonContext.Default.IReadOnlyListSeqRange) ?? [];
}
