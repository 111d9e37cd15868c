using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Storage;

/// <summary>What the storage benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record StorageBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench storage [options]

        Ingests each recording as one session (the SDK's batches, gzipped), stops the server gracefully
        (every session compacts) and measures the event chunks in its SQLite file, against gzip and
        Brotli of the recording's raw JSON computed in the same run.

          --runs 3                runs, each with a fresh server; medians are reported
          --recordings PATH,...   recordings or directories (default ../shared/fixtures/recordings)
          --server PATH           the server's SessionKit.Api.dll (default: src/Api/bin/Release/net10.0)
          --doc PATH              rewrite the "Storage" results in this markdown file
          --command TEXT          the command to quote in the document
          --quick                 CI smoke: 1 run
        """;

    public int Runs { get; init; } = 3;

    public IReadOnlyList<string> Recordings { get; init; } = [RepositoryPaths.Recordings];

    public string? ServerAssembly { get; init; }

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public static StorageBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StorageBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with { Runs = 1 };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--runs" => options with { Runs = OptionValues.Integer(name, value) },
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
