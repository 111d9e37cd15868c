using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Cluster;

/// <summary>What the cluster benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record ClusterBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench cluster [options]

        Cluster mode on this machine: 1, 2 and 3 SessionKit nodes (separate processes) on one private
        PostgreSQL and one private RabbitMQ, all on 127.0.0.1. The load generator replays the fixture
        recordings as N sessions spread round-robin over the nodes, back to back and then at the SDK's
        pace; afterwards every acknowledged event is read back. CPU is summed per role (nodes, broker,
        database, load generator) over each measure window. Every run starts a fresh cluster.

          --nodes 1,2,3           cluster sizes
          --sessions 100          concurrent sessions
          --runs 3                runs per size; medians are reported
          --warmup 3              seconds of load before each measure window
          --measure 10            seconds measured, back to back
          --paced 15              seconds measured at the recordings' pace (0 skips it)
          --recordings PATH,...   recordings or directories (default ../shared/fixtures/recordings)
          --server PATH           the server's SessionKit.Api.dll (default: src/Api/bin/Release/net10.0)
          --doc PATH              rewrite the "Cluster ingest" results in this markdown file
          --command TEXT          the command to quote in the document
          --quick                 CI smoke: 2 nodes, 10 sessions, 1 run, 1 s warm-up, 3 s measured, no paced phase
        """;

    public IReadOnlyList<int> Nodes { get; init; } = [1, 2, 3];

    public int Sessions { get; init; } = 100;

    public int Runs { get; init; } = 3;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Paced { get; init; } = TimeSpan.FromSeconds(15);

    public IReadOnlyList<string> Recordings { get; init; } = [RepositoryPaths.Recordings];

    public string? ServerAssembly { get; init; }

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public static ClusterBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ClusterBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with
                {
                    Nodes = [2], Sessions = 10, Runs = 1, Warmup = TimeSpan.FromSeconds(1), Measure = TimeSpan.FromSeconds(3), Paced = TimeSpan.Zero,
                };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--nodes" => options with { Nodes = OptionValues.Integers(name, value) },
                "--sessions" => options with { Sessions = OptionValues.Integer(name, value) },
                "--runs" => options with { Runs = OptionValues.Integer(name, value) },
                "--warmup" => options with { Warmup = OptionValues.Seconds(name, value, allowZero: true) },
                "--measure" => options with { Measure = OptionValues.Seconds(name, value) },
                "--paced" => options with { Paced = OptionValues.Seconds(name, value, allowZero: true) },
                "--recordings" => options with { Recordings = OptionValues.List(name, value) },
                "--server" => options with { ServerAssembly = value },
                "--doc" => options with { DocumentPath = value },
                "--command" => options with { Command = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        return options;
    }
}
