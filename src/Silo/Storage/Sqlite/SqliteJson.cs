using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionKit.Silo.Storage.Sqlite;

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(IReadOnlyList<SeqRange>))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;

/// <summary>Lists kept in a single column as JSON arrays.</summary>
internal static class SqliteJson
{
    public static string Write(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize(values, SqliteJsonContext.Default.IReadOnlyListString);

    public static string Write(IReadOnlyList<long> values) =>
        JsonSerializer.Serialize(values, SqliteJsonContext.Default.IReadOnlyListInt64);

    public static string Write(IReadOnlyList<SeqRange> values) =>
        JsonSerializer.Serialize(values, SqliteJsonContext.Default.IReadOnlyListSeqRange);

    public static IReadOnlyList<SeqRange> ReadSeqRanges(string json) =>
        JsonSerializer.Deserialize(json, SqliteJsonContext.Default.IReadOnlyListSeqRange) ?? [];

    public static IReadOnlyList<string> ReadStrings(string json) =>
        JsonSerializer.Deserialize(json, SqliteJsonContext.Default.IReadOnlyListString) ?? [];

    public static IReadOnlyList<long> ReadInt64s(string json) =>
        JsonSerializer.Deserialize(json, SqliteJsonContext.Default.IReadOnlyListInt64) ?? [];
}
