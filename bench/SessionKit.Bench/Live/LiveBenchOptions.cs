namespace SessionKit.Bench.Live;

/// <summary>What to run; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record LiveBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench live [options]

          --sessions 100,1000     concurrent live sessions per configuration (one viewer each)
          --runs 3,1              runs per configuration (a fresh server each); the median is reported
          --warmup 5              seconds of live traffic before measuring
          --measure 20            seconds measured
          --baseline 10           seconds of the hub echo baseline (after 2 s of warm-up)
          --interval 100          SDK flush interval in ms (the server's live flushIntervalMs)
          --connect-parallel 32   viewers connecting at once
          --idle-connections 0    further hub connections that watch nothing (other dashboards)
          --server-env KEY=VALUE  an environment variable for the server (repeatable), e.g. a setting
                                  (SessionKit__Live__FlushIntervalMs=50) or a runtime knob
          --server PATH           the server's SessionKit.Api.dll (default: src/Api/bin/Release/net10.0)
          --fixture PATH          recording whose Meta + FullSnapshot start every session
                                  (default: ../shared/fixtures/recordings/rrweb-player-demoit.json)
          --max-other-cpu 25      a run during which other processes used more CPU (% of one core) is
                                  repeated (twice at most); before each run, wait for a quiet machine
          --doc PATH              rewrite the "Live latency" results in this markdown file
          --command TEXT          the command to quote in the document (default: this process's)
          --quick                 CI smoke: 10 sessions, 1 run, 2 s warm-up, 5 s measured, 3 s baseline,
                                  no waiting for a quiet machine
        """;

    public IReadOnlyList<int> Sessions { get; init; } = [100, 1000];

    public IReadOnlyList<int> Runs { get; init; } = [3, 1];

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan BaselineWarmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Baseline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    public int ConnectParallelism { get; init; } = 32;

    public int IdleConnections { get; init; }

    /// <summary>Other processes' CPU (% of one core) above which a run counts as disturbed; 0 turns the check off.</summary>
    public double MaxOtherCpu { get; init; } = 25;

    public string? ServerAssembly { get; init; }

    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    public string? Fixture { get; init; }

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public bool Quick { get; init; }

    /// <summary>Runs for the configuration at <paramref name="index"/>; the last count repeats for further ones.</summary>
    public int RunsFor(int index) => Runs[Math.Min(index, Runs.Count - 1)];

    public static LiveBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LiveBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with
                {
                    Quick = true,
                    Sessions = [10],
                    Runs = [1],
                    Warmup = TimeSpan.FromSeconds(2),
                    Measure = TimeSpan.FromSeconds(5),
                    BaselineWarmup = TimeSpan.FromSeconds(1),
                    Baseline = TimeSpan.FromSeconds(3),
                    MaxOtherCpu = 0,
                };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--sessions" => options with { Sessions = OptionValues.Integers(name, value) },
                "--runs" => options with { Runs = OptionValues.Integers(name, value) },
                "--warmup" => options with { Warmup = OptionValues.Seconds(name, value) },
                "--measure" => options with { Measure = OptionValues.Seconds(name, value) },
                "--baseline" => options with { Baseline = OptionValues.Seconds(name, value) },
                "--interval" => options with { Interval = TimeSpan.FromMilliseconds(OptionValues.Integer(name, value)) },
                "--connect-parallel" => options with { ConnectParallelism = OptionValues.Integer(name, value) },
                "--idle-connections" => options with { IdleConnections = (int)OptionValues.Number(name, value, allowZero: true) },
                "--max-other-cpu" => options with { MaxOtherCpu = OptionValues.Number(name, value, allowZero: true) },
                "--server" => options with { ServerAssembly = value },
                "--server-env" when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var at => options with
                {
                    ServerEnvironment = new Dictionary<string, string>(options.ServerEnvironment) { [value[..at]] = value[(at + 1)..] },
                },
                "--fixture" => options with { Fixture = value },
                "--doc" => options with { DocumentPath = value },
                "--command" => options with { Command = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        return options;
    }
}
