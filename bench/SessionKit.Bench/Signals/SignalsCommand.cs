using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionKit.Bench.Reporting;
using SessionKit.Grains.Signals;

namespace SessionKit.Bench.Signals;

/// <summary><c>signals</c>: evaluator cost per event and memory per live session (docs/performance.md, "Signals").</summary>
internal static class SignalsCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = SignalsBenchOptions.Parse(args);
        var machine = MachineInfo.Read();
        Console.Error.WriteLine(machine.Describe());
        var rows = new List<string>
        {
            "| recording | events | evaluation ns/event | reader pass ns/event (baseline) | ratio | signals | retained per live session |",
            "|---|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var path in Directory.EnumerateFiles(options.RecordingsDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batches = Batches(path);
            var events = batches.Sum(batch => batch.Count);
            var evaluate = Median(options.Runs, () => Evaluate(batches));
            var baseline = Median(options.Runs, () => ReadEveryToken(batches));
            var signals = Evaluate(batches).Signals;
            var retained = RetainedBytes(batches, options.Sessions);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| `{Path.GetFileName(path)}` | {events} | {evaluate.Elapsed.TotalNanoseconds / events:0} | {baseline.Elapsed.TotalNanoseconds / events:0} | {evaluate.Elapsed / baseline.Elapsed:0.0}x | {signals} | {retained / 1024.0:0.0} KiB |"));
        }

        var table = string.Join('\n', rows);
        Console.WriteLine(table);
        var ingest = options.IngestRuns > 0 ? await IngestWithAndWithoutSignals.RunAsync(options, cancellationToken) : [];
        if (ingest.Count > 0)
        {
            table += "\n\n" + IngestWithAndWithoutSignals.Table(ingest);
            Console.WriteLine(IngestWithAndWithoutSignals.Table(ingest));
        }

        if (options.DocumentPath is { } document)
        {
            PerformanceDocument.WriteSection(document, "Signals", "signals", machine, options.Command ?? "SessionKit.Bench signals", table + "\n");
        }

        return ingest.All(result => result.Correct) ? 0 : 1;
    }

    /// <summary>The recording as the SDK would send it: batches of up to 50 events, each its events' JSON joined by commas.</summary>
    private static List<Batch> Batches(string path)
    {
        var events = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return [.. events.Chunk(50).Select(chunk => new Batch(Encoding.UTF8.GetBytes(string.Join(',', chunk.Select(e => e!.ToJsonString()))), chunk.Length))];
    }

    private static (TimeSpan Elapsed, int Signals) Evaluate(List<Batch> batches)
    {
        var evaluator = new SignalEvaluator(new SignalThresholds());
        var raised = new List<Signal>();
        var watch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            evaluator.Feed(batch.Json, raised);
        }

        return (watch.Elapsed, raised.Count);
    }

    private static (TimeSpan Elapsed, int Signals) ReadEveryToken(List<Batch> batches)
    {
        var tokens = 0L;
        var watch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var json = new byte[batch.Json.Length + 2];
            json[0] = (byte)'[';
            batch.Json.CopyTo(json, 1);
            json[^1] = (byte)']';
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
            while (reader.Read())
            {
                tokens++;
            }
        }

        GC.KeepAlive(tokens);
        return (watch.Elapsed, 0);
    }

    /// <summary>Bytes still held per evaluator once a recording went through it: what a live session's grain keeps for signals.</summary>
    private static long RetainedBytes(List<Batch> batches, int sessions)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = new List<SignalEvaluator>(sessions);
        for (var i = 0; i < sessions; i++)
        {
            var evaluator = new SignalEvaluator(new SignalThresholds());
            foreach (var batch in batches)
            {
                evaluator.Feed(batch.Json, []);
            }

            kept.Add(evaluator);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return Math.Max(0, after - before) / sessions;
    }

    private static (TimeSpan Elapsed, int Signals) Median(int runs, Func<(TimeSpan Elapsed, int Signals)> run)
    {
        run();
        var results = Enumerable.Range(0, runs).Select(_ => run()).OrderBy(result => result.Elapsed).ToList();
        return results[results.Count / 2];
    }

    private sealed record Batch(byte[] Json, int Count);
}
