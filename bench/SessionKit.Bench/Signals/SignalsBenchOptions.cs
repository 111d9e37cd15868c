using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Signals;

/// <summary>What the signals benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record SignalsBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench signals [options]

        Frustration signal evaluation in this process: for each fixture recording, cut into the SDK's
        batches, the evaluator's cost per event (ns) against one System.Text.Json reader pass over the
        same bytes (the floor of ingest's own per-event work: its parser reads every token once), and the
        memory one live session's evaluator keeps after the recording (retained bytes, measured over
        --sessions evaluators kept alive together).

        Then the whole ingest path against a fresh server with signals on and off (SessionKit:Signals:Enabled),
        alternating: server CPU per event with rules against ingesting the same events without them.

          --runs 5          timed runs per recording (the median is reported), after one warm-up run
          --ingest-runs 3   runs of the ingest comparison (each: signals on and off); 0 skips it
          --ingest-sessions 100  concurrent sessions, back to back
          --ingest-measure 10    seconds measured per server
          --sessions 50     evaluators kept alive for the memory measurement
          --doc PATH        rewrite the "Signals" results in this markdown file
          --command TEXT    the command to quote in the document
          --quick           a smoke run: 1 run, 5 sessions, one ingest comparison of 10 sessions for 3 s
        """;

    public int Runs { get; init; } = 5;

    public int Sessions { get; init; } = 50;

    public int IngestRuns { get; init; } = 3;

    public int IngestSessions { get; init; } = 100;

    public TimeSpan IngestMeasure { get; init; } = TimeSpan.FromSeconds(10);

    public string RecordingsDirectory { get; init; } = RepositoryPaths.Recordings;

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public static SignalsBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SignalsBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--runs" => options with { Runs = OptionValues.Integer("--runs", Value()) },
                "--sessions" => options with { Sessions = OptionValues.Integer("--sessions", Value()) },
                "--ingest-runs" => options with { IngestRuns = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--ingest-sessions" => options with { IngestSessions = OptionValues.Integer("--ingest-sessions", Value()) },
                "--ingest-measure" => options with { IngestMeasure = OptionValues.Seconds("--ingest-measure", Value()) },
                "--quick" => options with { Runs = 1, Sessions = 5, IngestRuns = 1, IngestSessions = 10, IngestMeasure = TimeSpan.FromSeconds(3) },
                "--doc" => options with { DocumentPath = Value() },
                "--command" => options with { Command = Value() },
                _ => throw new UsageException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }
}
