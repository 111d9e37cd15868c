using System.IO.Compression;
using System.Text.Json;
using SessionKit.Bench.Hosting;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Browser;

/// <summary><c>sdk</c>: the SDK's size and main-thread cost against rrweb's recorder alone (docs/performance.md, "SDK").</summary>
internal static class SdkCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = SdkBenchOptions.Parse(args);
        var bundle = Path.Combine(RepositoryPaths.Root, "sdk-js", "dist", "sessionkit.js");
        if (!File.Exists(bundle))
        {
            throw new UsageException($"No SDK build at {bundle}: build it first (dotnet build SessionKit.sln -c Release, or npm run build -w sdk-js).");
        }

        var machine = MachineInfo.Read();
        Console.Error.WriteLine(machine.Describe());
        var sizes = await SizesAsync(cancellationToken);
        Console.WriteLine(SdkReport.Sizes(sizes));

        var json = await NodeScript.RunAsync("bench/browser/sdk-main-thread.mjs",
            ["--runs", options.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--steps", options.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        var results = new MainThreadResults(
            json.GetProperty("chromium").GetString() ?? "?",
            json.GetProperty("steps").GetInt32(),
            json.GetProperty("runs").Deserialize<List<MainThreadRun>>(JsonSerializerOptions.Web) ?? [],
            json.GetProperty("received").GetProperty("batches").GetInt32());
        Console.WriteLine(SdkReport.MainThread(results));

        if (options.DocumentPath is not null)
        {
            var body = "Sizes: `node sdk-js/scripts/report-size.mjs --json` on the current build (the build's own size check), gzip level 9. "
                + $"Main thread: Chromium {results.Chromium} (headless, Debian's), one fresh context per visit; a page builds a 100 x 8 table and a feed, starts recording, "
                + $"waits 0.5 s, then runs {results.Steps} workload steps, one per 16 ms: 40 text changes, 20 class toggles, 5 style changes, 10 new items of a few nodes (the oldest removed past 200). "
                + "Measured from just before the first step to 0.5 s after the last (for the SDK, after `SessionKit.flush()`): the renderer main thread's time from CDP `Performance.getMetrics` "
                + "in thread time (its own CPU, whatever else the machine runs), and long tasks from a `PerformanceObserver`. rrweb's recorder alone is `@rrweb/record` with the record options sdk-js passes "
                + "(`src/recorder.ts`), its events kept in an array; the SDK is the script-tag bundle with `SessionKit.init()` defaults, sending to a stand-in server on the same origin that answers like ingest. "
                + $"Each of the {options.Runs} runs visits the three modes in a rotating order; ratios are taken within each run.\n\n"
                + SdkReport.Sizes(sizes) + "\n" + SdkReport.MainThread(results) + "\nEvery run:\n\n" + SdkReport.RunLines(results) + "\n";
            PerformanceDocument.WriteSection(options.DocumentPath, "SDK", "sdk", machine, options.Command ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs()), body);
            Console.WriteLine($"Wrote the SDK results to {options.DocumentPath}.");
        }

        Console.WriteLine(results.Correct
            ? "Correctness: the SDK sent every visit's recording, and rrweb alone recorded events too."
            : "Correctness: FAILED: a recorder recorded nothing, or the SDK sent nothing.");
        return results.Correct ? 0 : 1;
    }

    private static async Task<SdkSizes> SizesAsync(CancellationToken cancellationToken)
    {
        var json = await NodeScript.RunAsync("scripts/report-size.mjs", ["--json"], cancellationToken, Path.Combine(RepositoryPaths.Root, "sdk-js"));
        var rrweb = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "node_modules", "@rrweb", "record", "dist", "record.umd.min.cjs"), cancellationToken);
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(rrweb);
        }

        var budgets = json.GetProperty("budgets");
        return new SdkSizes(json.GetProperty("sdkOnly").GetInt32(), json.GetProperty("iife").GetInt32(), json.GetProperty("esm").GetInt32(), (int)zipped.Length,
            (int)budgets.GetProperty("sdkOnly").GetDouble(), (int)budgets.GetProperty("bundle").GetDouble());
    }
}
