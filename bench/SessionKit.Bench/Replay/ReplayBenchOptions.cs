using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Replay;

/// <summary>What the replay benchmark runs; parsed from the command line (see <see cref="Usage"/>).</summary>
internal sealed record ReplayBenchOptions
{
    public const string Usage = """
        usage: SessionKit.Bench replay [options]

        Time to the first frame of a replay in the dashboard (Chromium), for a long session made from a
        fixture recording, against the recording itself as the short baseline in the same run. Both are
        ingested with the SDK's batches, the server is restarted (so both are compacted, as a past
        session is), and each run opens each replay in a fresh browser context. Needs the dashboard built.

          --minutes 30            length of the long session
          --runs 5                runs; each opens both replays, in a rotating order
          --fixture PATH          the recording to build on (default ../shared/fixtures/recordings/rrweb-player-demoit.json)
          --expect-selector CSS   an element the first frame must show (default: the demoit page's file tab,
                                  a[data-export=file]; "" for none)
          --server PATH           the server's SessionKit.Api.dll (default: src/Api/bin/Release/net10.0)
          --doc PATH              rewrite the "Replay" results in this markdown file
          --command TEXT          the command to quote in the document
          --quick                 CI smoke: a 5-minute session, 1 run
        """;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    public int Runs { get; init; } = 5;

    public string Fixture { get; init; } = Path.Combine(RepositoryPaths.Recordings, "rrweb-player-demoit.json");

    public string ExpectSelector { get; init; } = "a[data-export=file]";

    public string? ServerAssembly { get; init; }

    public string? DocumentPath { get; init; }

    public string? Command { get; init; }

    public static ReplayBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ReplayBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick")
            {
                options = options with { Duration = TimeSpan.FromMinutes(5), Runs = 1 };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--minutes" => options with { Duration = TimeSpan.FromMinutes(OptionValues.Number(name, value)) },
                "--runs" => options with { Runs = OptionValues.Integer(name, value) },
                "--fixture" => options with { Fixture = value },
                "--expect-selector" => options with { ExpectSelector = value },
                "--server" => options with { ServerAssembly = value },
                "--doc" => options with { DocumentPath = value },
                "--command" => options with { Command = value },
                _ => throw new UsageException($"Unknown option {name}."),
            };
        }

        return options;
    }
}
