using SessionKit.Bench.Browser;
using SessionKit.Bench.Cluster;
using SessionKit.Bench.Grains;
using SessionKit.Bench.Ingest;
using SessionKit.Bench.Live;
using SessionKit.Bench.Load;
using SessionKit.Bench.Replay;
using SessionKit.Bench.Signals;
using SessionKit.Bench.Storage;

namespace SessionKit.Bench;

/// <summary>The subcommands of the bench app; each parses its own options and returns the process exit code.</summary>
internal static class BenchCommands
{
    private const string Usage = """
        usage: SessionKit.Bench <command> [options]      (every command takes --help)

          live      live latency: SDK event to dashboard viewer, against a hub echo baseline
          ingest    ingest throughput in embedded mode at N sessions, against a no-op endpoint on the same server
          cluster   ingest throughput with 1, 2 and 3 nodes on PostgreSQL and RabbitMQ; CPU of nodes, broker and database
          storage   bytes on disk per recording (after compaction), against gzip of its raw JSON
          grains    grain runtime messages/s at 1 to 100,000 active grains against a bare Channels pipeline; memory per grain
          sdk       SDK size, and main-thread time in Chromium recording a mutation-heavy page, against rrweb alone
          replay    time to the first frame of a 30-minute session's replay in the dashboard, against a short one
          load      load generator: replays recordings as N sessions against any SessionKit URL(s), then checks storage
          signals   frustration signal evaluation ns/event and memory per live session, against a JSON reader pass
        """;

    private static readonly Dictionary<string, (Func<IReadOnlyList<string>, CancellationToken, Task<int>> Run, string Usage)> Commands = new(StringComparer.Ordinal)
    {
        ["live"] = (LiveCommand.RunAsync, LiveBenchOptions.Usage),
        ["ingest"] = (IngestCommand.RunAsync, IngestBenchOptions.Usage),
        ["cluster"] = (ClusterCommand.RunAsync, ClusterBenchOptions.Usage),
        ["storage"] = (StorageCommand.RunAsync, StorageBenchOptions.Usage),
        ["grains"] = (GrainsCommand.RunAsync, GrainsBenchOptions.Usage),
        ["sdk"] = (SdkCommand.RunAsync, SdkBenchOptions.Usage),
        ["replay"] = (ReplayCommand.RunAsync, ReplayBenchOptions.Usage),
        ["load"] = (LoadCommand.RunAsync, LoadOptions.Usage),
        ["signals"] = (SignalsCommand.RunAsync, SignalsBenchOptions.Usage),
    };

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(command.Usage);
            return 0;
        }

        try
        {
            return await command.Run(args[1..], cancellationToken);
        }
        catch (UsageException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(command.Usage);
            return 2;
        }
    }
}
