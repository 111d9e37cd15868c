namespace SessionKit.Bench.Browser;

/// <summary>What the SDK benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record SdkBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench sdk [options]

        Gzipped sizes of the script-tag bundle and of the SDK's own code (sdk-js/scripts/report-size.mjs),
        next to rrweb's recorder alone; then main-thread time and long tasks in Chromium while a page runs a
        heavy DOM mutation workload, recorded by the SDK, by rrweb's recorder alone, and not recorded
        (bench/browser/sdk-main-thread.mjs). Needs the SDK built (dotnet build or npm run build -w sdk-js).

          --runs 5                runs; each measures the three modes, in a rotating order
          --steps 300             workload steps (one per 16 ms: 40 texts, 20 classes, 5 styles, 10 items added)
          --doc PATH              rewrite the "SDK" results in this markdown file
          --command TEXT          the command to quote in the document
          --quick                 CI smoke: 1 run of 60 steps
        """;

    public int Runs { get; init; } = 5;

    public int Steps { get; init; } = 300;

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public static SdkBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SdkBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with { Runs = 1, Steps = 60 };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--runs" => options with { Runs = OptionValues.Integer(name, value) },
                "--steps" => options with { Steps = OptionValues.Integer(name, value) },
                "--doc" => options with { DocumentPath = value },
                "--command" => options with { Command = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        return options;
    }
}
