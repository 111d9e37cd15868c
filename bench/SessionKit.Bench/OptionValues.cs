using System.Globalization;

namespace SessionKit.Bench;

/// <summary>Parses option values of the subcommands; a bad value is a <see cref="UsageException"/> naming the option.</summary>
internal static class OptionValues
{
    /// <summary>A comma-separated list of positive integers ("100,1000"; "1_000" is allowed).</summary>
    public static List<int> Integers(string name, string value)
    {
        var parsed = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.TryParse(part.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new UsageException($"{name} takes positive integers, not '{part}'."))
            .ToList();
        return parsed.Count > 0 ? parsed : throw new UsageException($"{name} needs a value.");
    }

    public static int Integer(string name, string value) =>
        Integers(name, value) is [var single] ? single : throw new UsageException($"{name} takes one positive integer, not '{value}'.");

    public static double Number(string name, string value, bool allowZero = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && (number > 0 || (allowZero && number == 0))
            ? number
            : throw new UsageException($"{name} takes a positive number, not '{value}'.");

    public static TimeSpan Seconds(string name, string value, bool allowZero = false) =>
        TimeSpan.FromSeconds(Number(name, value, allowZero));

    /// <summary>A comma-separated list of non-empty strings.</summary>
    public static List<string> List(string name, string value)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return items.Count > 0 ? items : throw new UsageException($"{name} needs a value.");
    }
}
