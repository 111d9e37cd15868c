using System.Diagnostics;
using System.Globalization;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Grains;

/// <summary><c>grains</c>: the grain runtime against a bare Channels pipeline (docs/performance.md, "Grain runtime").</summary>
internal static class GrainsCommand
{
    private const string PinnedVariable = "SESSIONKIT_BENCH_PINNED";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = GrainsBenchOptions.Parse(args);
        if (options.Cores > 0 && Environment.GetEnvironmentVariable(PinnedVariable) is null)
        {
            return await RunPinnedAsync(options.Cores, args, cancellationToken);
        }

        var machine = MachineInfo.Read();
        var pinned = Environment.GetEnvironmentVariable(PinnedVariable);
        var settings = FormattableString.Invariant(
            $"One caller sends {options.Messages:#,0} messages per run to the active grains in turn, {MessageDriver.Window} at a time (it awaits a window's replies before sending the next), each `Task<int> AddAsync(int)` through a grain reference: the reference's proxy, the activation it keeps (looked up in the directory on its first call), that activation's bounded mailbox (capacity {GrainHost.MailboxCapacity:#,0}), one message at a time, the reply task. ")
            + "The baseline does the same work through one bounded `System.Threading.Channels` channel and reader loop per actor, with the same driver and capacity. "
            + $"After two warm-up runs of each, the two alternate, {options.Runs} times; throughput is by the clock, and per second of this process's CPU time. "
            + "Memory per idle grain: the managed heap after a full compacting GC, before and after one message activated each grain (references taken beforehand), divided by the number of grains; the same for the actors. "
            + (pinned is null ? "Not pinned: every core of the machine was available." : $"Pinned to CPU {pinned} (taskset) with DOTNET_PROCESSOR_COUNT={Environment.ProcessorCount}, workstation GC.");
        Console.Error.WriteLine(machine.Describe());
        Console.Error.WriteLine(settings);

        var results = new List<GrainsResult>();
        foreach (var grains in options.Grains)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await GrainsScenario.RunAsync(grains, options.Messages, options.Runs));
        }

        Console.WriteLine();
        Console.WriteLine(GrainsTable.Console(results));
        if (options.DocumentPath is not null)
        {
            var body = $"{settings}\n\n{GrainsTable.Markdown(results)}\nEvery run:\n\n{string.Join('\n', results.Select(GrainsTable.RunLines))}\n";
            PerformanceDocument.WriteSection(options.DocumentPath, "Grain runtime", "grains", machine, options.Command ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs()), body);
            Console.WriteLine($"Wrote the grain runtime results to {options.DocumentPath}.");
        }

        var correct = results.Count > 0 && results.All(r => r.Correct);
        Console.WriteLine(correct ? "Correctness: every message reached its grain exactly once." : "Correctness: FAILED: the grains' counters do not add up to the messages sent.");
        return correct ? 0 : 1;
    }

    /// <summary>Runs this command again in a child process pinned to the machine's last <paramref name="cores"/> CPUs.</summary>
    private static async Task<int> RunPinnedAsync(int cores, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = Math.Min(cores, Environment.ProcessorCount);
        var cpus = string.Join(',', Enumerable.Range(Environment.ProcessorCount - count, count).Select(c => c.ToString(CultureInfo.InvariantCulture)));
        var start = new ProcessStartInfo("taskset") { ArgumentList = { "-c", cpus, Environment.ProcessPath!, typeof(GrainsCommand).Assembly.Location, "grains" }, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[PinnedVariable] = cpus;
        start.Environment["DOTNET_PROCESSOR_COUNT"] = count.ToString(CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("taskset did not start.");
        try
        {
            await child.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }

        return child.ExitCode;
    }
}
