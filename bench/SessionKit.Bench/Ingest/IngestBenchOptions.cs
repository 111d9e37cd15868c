using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Ingest;

/// <summary>What the ingest benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record IngestBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench ingest [options]

        Embedded mode (one server process, SQLite): the load generator replays the fixture recordings as N
        sessions sending back to back, against the no-op endpoint and then against ingest on the same server
        in the same run; then at the SDK's own pace. Every run starts a fresh server.

          --sessions 10,100,1000  concurrent sessions per configuration
          --runs 3                runs per configuration; medians are reported
          --warmup 3              seconds of load before each measure window
          --measure 10            seconds measured, back to back (no-op and ingest)
          --paced 15              seconds measured at the recordings' pace (0 skips it)
          --paced-ramp 30         seconds over which the paced sessions start, measured after it (at least
                                  the recordings' length, so sessions of one recording do not loop in step)
          --recordings PATH,...   recordings or directories (default ../shared/fixtures/recordings)
          --server PATH           the server's SessionKit.Api.dll (default: src/Api/bin/Release/net10.0)
          --server-env KEY=VALUE  an environment variable for the server (repeatable)
          --max-other-cpu 25      repeat (twice at most) a run during which other processes used more CPU
                                  (% of one core); before each run, wait for a quiet machine
          --doc PATH              rewrite the "Ingest throughput" results in this markdown file
          --command TEXT          the command to quote in the document
          --quick                 CI smoke: 10 sessions, 1 run, 1 s warm-up, 3 s measured, 3 s paced after a 5 s ramp
        """;

    public IReadOnlyList<int> Sessions { get; init; } = [10, 100, 1000];

    public int Runs { get; init; } = 3;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Paced { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the paced sessions take to start. Visitors arrive at random: started within a few seconds, the
    /// sessions replaying one recording would end and start again together, every 11-21 s, each start a
    /// 1-4 MB snapshot, a herd no real audience forms.
    /// </summary>
    public TimeSpan PacedRamp { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Recordings { get; init; } = [RepositoryPaths.Recordings];

    public string? ServerAssembly { get; init; }

    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    public double MaxOtherCpu { get; init; } = 25;

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public bool Quick { get; init; }

    public static IngestBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new IngestBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with
                {
                    Quick = true, Sessions = [10], Runs = 1, Warmup = TimeSpan.FromSeconds(1), Measure = TimeSpan.FromSeconds(3),
                    Paced = TimeSpan.FromSeconds(3), PacedRamp = TimeSpan.FromSeconds(5), MaxOtherCpu = 0,
                };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--sessions" => options with { Sessions = OptionValues.Integers(name, value) },
                "--runs" => options with { Runs = OptionValues.Integer(name, value) },
                "--warmup" => options with { Warmup = OptionValues.Seconds(name, value, allowZero: true) },
                "--measure" => options with { Measure = OptionValues.Seconds(name, value) },
                "--paced" => options with { Paced = OptionValues.Seconds(name, value, allowZero: true) },
                "--paced-ramp" => options with { PacedRamp = OptionValues.Seconds(name, value, allowZero: true) },
                "--recordings" => options with { Recordings = OptionValues.List(name, value) },
                "--server" => options with { ServerAssembly = value },
                "--server-env" when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var at => options with
                {
                    ServerEnvironment = new Dictionary<string, string>(options.ServerEnvironment) { [value[..at]] = value[(at + 1)..] },
                },
                "--max-other-cpu" => options with { MaxOtherCpu = OptionValues.Number(name, value, allowZero: true) },
                "--doc" => options with { DocumentPath = value },
                "--command" => options with { Command = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        return options;
    }
}
