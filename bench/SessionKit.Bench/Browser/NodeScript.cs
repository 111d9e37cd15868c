using System.Diagnostics;
using System.Text.Json;
using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Browser;

/// <summary>
/// Runs one of the Node scripts of the browser benchmarks (bench/browser, sdk-js/scripts) from the
/// repository root: its progress goes straight to this process's stderr, its last stdout line is its JSON result.
/// </summary>
internal static class NodeScript
{
    public static async Task<JsonElement> RunAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"node {script} exited with code {process.ExitCode}{(lines.Length > 0 ? ": " + lines[^1] : string.Empty)} (its errors are above).");
        }

        using var document = JsonDocument.Parse(lines[^1]);
        return document.RootElement.Clone();
    }
}
