namespace SessionKit.Bench.Measurement;

/// <summary>The median of several runs' figures (NaN, a run without the figure, left out).</summary>
internal static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Of<T>(IEnumerable<T> runs, Func<T, double> figure) => Of(runs.Select(figure));
}
