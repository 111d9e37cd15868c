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

          --runs 5          timed runs per recording (the median is reported), after one warm-up run
          --sessions 50     evaluators kept alive for the memory measurement
          --doc PATH        rewrite the "Signals" results in this markdown file
          --command TEXT    the command to quote in the document
          --quick           a smoke run: 1 run, 5 sessions
        """;

    public int Runs { get; init; } = 5;

    public int Sessions { get; init; } = 50;

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
                "--quick" => options with { Runs = 1, Sessions = 5 },
                "--doc" => options with { DocumentPath = Value() },
                "--command" => options with { Command = Value() },
                _ => throw new UsageException($"Unknown option '{args[i]}'."),
            };
        }

        return options;
    }
}
