using System.Text.Json;

namespace SessionKit.Grains.Signals;

/// <summary>Tolerant readers for recorded JSON: recordings come from many rrweb versions, so a missing or odd field reads as null.</summary>
internal static class Json
{
    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
        && number is >= int.MinValue and <= int.MaxValue
            ? (int)Math.Round(number)
            : null;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
        && number is >= long.MinValue and <= long.MaxValue
            ? (long)Math.Round(number)
            : null;

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
