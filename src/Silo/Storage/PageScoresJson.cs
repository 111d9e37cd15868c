using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionKit.Silo.Storage;

[JsonSerializable(typeof(IReadOnlyList<PageScoreRecord>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PageScoresJsonContext : JsonSerializerContext;

/// <summary>A session's page scores in one column, as a JSON array of { url, score }, the same in every store.</summary>
internal static class PageScoresJson
{
    public static string Write(IReadOnlyList<PageScoreRecord> pages) =>
        JsonSerializer.Serialize(pages, PageScoresJsonContext.Default.IReadOnlyListPageScoreRecord);

    public static IReadOnlyList<PageScoreRecord> Read(string json) =>
        JsonSerializer.Deserialize(json, PageScoresJsonContext.Default.IReadOnlyListPageScoreRecord) ?? [];
}
