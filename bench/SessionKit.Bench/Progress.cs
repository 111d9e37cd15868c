using System.Diagnostics;
using System.Globalization;

namespace SessionKit.Bench;

/// <summary>Progress lines on stderr, stamped with the time since the start (stdout carries the results).</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed.TotalSeconds,6:0.0} s] {message}"));
}
