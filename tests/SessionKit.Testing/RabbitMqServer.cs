using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SessionKit.Testing;

/// <summary>
/// A real RabbitMQ broker for the tests of one process, on 127.0.0.1: the one SESSIONKIT_TEST_RABBITMQ
/// names (an AMQP URI), or else a private node started from Debian's rabbitmq-server package in a temp
/// directory on free ports, stopped when the process exits. Tests keep apart by cluster name (queue and
/// exchange prefix), so they can share it.
/// </summary>
public sealed class RabbitMqServer
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly Lazy<Task<RabbitMqServer>> Shared = new(StartSharedAsync);

    private readonly string? _nodeName;
    private readonly Dictionary<string, string> _environment;
    private readonly Process? _process;

    private RabbitMqServer(Uri uri, string? nodeName = null, Dictionary<string, string>? environment = null, Process? process = null)
    {
        Uri = uri;
        _nodeName = nodeName;
        _environment = environment ?? [];
        _process = process;
    }

    /// <summary>The AMQP URI, such as amqp://guest:guest@127.0.0.1:5673/.</summary>
    public Uri Uri { get; }

    /// <summary>Whether this test run started the broker itself (only then can tests stop and start it).</summary>
    public bool IsPrivate => _nodeName is not null;

    public static Task<RabbitMqServer> GetAsync() => Shared.Value;

    /// <summary>Stops the broker application (every connection drops, queues stay), as a broker restart does.</summary>
    public Task StopAppAsync() => ControlAsync("stop_app");

    public async Task StartAppAsync()
    {
        await ControlAsync("start_app");
        await WaitForStartupAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>await_startup fails at once while the node has not registered with epmd yet: ask until it answers.</summary>
    private async Task WaitForStartupAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await ControlAsync("await_startup", timeout);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline && _process is not { HasExited: true })
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<RabbitMqServer> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("SESSIONKIT_TEST_RABBITMQ") is { Length: > 0 } configured)
        {
            return new RabbitMqServer(new Uri(configured));
        }

        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException(
                "RabbitMQ is not installed: run `apt-get install rabbitmq-server` (./test.sh does), or set SESSIONKIT_TEST_RABBITMQ to a broker's AMQP URI.");
        }

        var directory = RepositoryPaths.NewTempDirectory("rabbitmq");
        var port = FreePort();
        var nodeName = $"sk{Environment.ProcessId}x{port}@localhost";
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), "loopback_users = none\nlog.console = false\n");
        var environment = new Dictionary<string, string>
        {
            // The Erlang cookie lives in HOME; rabbitmqctl must see the same one.
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq"),
        };

        var start = new ProcessStartInfo(ServerScript) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RabbitMqServer(new Uri($"amqp://guest:guest@127.0.0.1:{port}/"), nodeName, environment, process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        StartWatchdog(nodeName, directory);
        await server.WaitForStartupAsync(TimeSpan.FromSeconds(120));
        return server;
    }

    /// <summary>
    /// A detached shell that outlives this process: once the test process is gone (even killed, when no exit
    /// handler runs) it kills the broker (found by its directory, which its command line names) and deletes
    /// the directory, so no broker is left running.
    /// </summary>
    private static void StartWatchdog(string nodeName, string directory)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            pkill -9 -f -- "$3"
            sleep 1
            rm -rf "$3"
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "sh", "-c", script, "watchdog", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), nodeName, directory })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("The RabbitMQ watchdog did not start");
        watchdog.WaitForExit();
    }

    /// <summary>
    /// Deletes a cluster's partition queues and live exchange (named by its cluster name): quorum queues
    /// outlive their nodes, and without this the shared broker slows down with every cluster started on it.
    /// </summary>
    public async Task DeleteClusterObjectsAsync(string clusterName, int partitions = 32)
    {
        try
        {
            var factory = new RabbitMQ.Client.ConnectionFactory { Uri = Uri };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            for (var partition = 0; partition < partitions; partition++)
            {
                await channel.QueueDeleteAsync($"{clusterName}.grains.{partition:D3}", ifUnused: false, ifEmpty: false);
            }

            await channel.ExchangeDeleteAsync($"{clusterName}.live", ifUnused: false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The broker is down (a test stopped it): its queues go with the test run.
        }
    }

    private void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task ControlAsync(string command, TimeSpan? timeout = null)
    {
        if (_nodeName is null)
        {
            throw new InvalidOperationException("Only a broker this test run started can be stopped or started.");
        }

        var start = new ProcessStartInfo(ControlScript)
        {
            ArgumentList = { "-n", _nodeName, command },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        using var control = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var output = control.StandardOutput.ReadToEndAsync();
        var error = control.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await control.WaitForExitAsync(cancel.Token);
        if (control.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed ({control.ExitCode}): {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
