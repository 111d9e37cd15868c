namespace SessionKit.Bench.Grains;

/// <summary>What the grain runtime benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record GrainsBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench grains [options]

        Messages/s through grain references (the session grain's path: reference, directory, mailbox, one
        message at a time, reply), against a bare System.Threading.Channels pipeline doing the same work,
        alternating within each run; and memory per idle active grain. Runs pinned to one core (taskset,
        DOTNET_PROCESSOR_COUNT=1) unless --cores says otherwise.

          --grains 1,1000,100000  active grains per configuration (the baseline gets as many actors)
          --messages 1000000      messages per run
          --runs 5                runs per configuration after two warm-up runs; medians are reported
          --cores 1               CPUs to pin to (the last ones of the machine); 0 runs unpinned
          --doc PATH              rewrite the "Grain runtime" results in this markdown file
          --command TEXT          the command to quote in the document
          --quick                 CI smoke: 1, 1,000 and 10,000 grains, 50,000 messages, 1 run
        """;

    public IReadOnlyList<int> Grains { get; init; } = [1, 1_000, 100_000];

    public long Messages { get; init; } = 1_000_000;

    public int Runs { get; init; } = 5;

    public int Cores { get; init; } = 1;

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public static GrainsBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GrainsBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with { Grains = [1, 1_000, 10_000], Messages = 50_000, Runs = 1 };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--grains" => options with { Grains = OptionValues.Integers(name, value) },
                "--messages" => options with { Messages = OptionValues.Integer(name, value) },
                "--runs" => options with { Runs = OptionValues.Integer(name, value) },
                "--cores" => options with { Cores = (int)OptionValues.Number(name, value, allowZero: true) },
                "--doc" => options with { DocumentPath = value },
                "--command" => options with { Command = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        return options;
    }
}
