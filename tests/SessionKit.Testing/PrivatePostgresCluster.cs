using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SessionKit.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster of the installed Debian package: its own temporary data directory,
/// trust authentication, listening on 127.0.0.1 only (a free port) with its socket in that directory,
/// fsync on so durability is tested for real. PostgreSQL refuses to run as root, so as root the tools
/// run as the package's <c>postgres</c> user.
/// </summary>
internal sealed class PrivatePostgresCluster
{
    private const string SuperUser = "sessionkit";
    private const string PackageLibrary = "/usr/lib/postgresql";

    private readonly string binDirectory;
    private readonly string root;
    private readonly string dataDirectory;

    private PrivatePostgresCluster(string binDirectory, string root, int port)
    {
        this.binDirectory = binDirectory;
        this.root = root;
        dataDirectory = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string for the superuser to the maintenance database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = SuperUser,
        Database = "postgres",
    }.ConnectionString;

    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or the cluster did not start.</exception>
    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = FindNewestBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), "sessionkit-tests", $"postgres-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var cluster = new PrivatePostgresCluster(bin, root, FreePort());
        try
        {
            await cluster.InitializeAsync();
            await cluster.RunAsync("pg_ctl", "-D", cluster.dataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start");
            cluster.StartWatchdog();
            return cluster;
        }
        catch
        {
            TryDelete(cluster.root);
            throw;
        }
    }

    /// <summary>Stops the server (fast shutdown: connections are cut), as a database restart does.</summary>
    public Task StopServerAsync() => RunAsync("pg_ctl", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartServerAsync() =>
        RunAsync("pg_ctl", "-D", dataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start");

    /// <summary>
    /// Kills the server at once, as the test process exits (nothing in it is kept). An exiting test process
    /// gets little time, so this only signals; the watchdog deletes the directory.
    /// </summary>
    public void Stop()
    {
        try
        {
            using var postmaster = Process.GetProcessById(PostmasterPid());
            postmaster.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            // Not running any more, or never got as far as writing its pid.
        }
    }

    /// <summary>
    /// A detached shell that outlives this process: once it is gone (exited, crashed or killed before
    /// <see cref="Stop"/> could run) it kills the server and deletes the directory, so no server is left behind.
    /// </summary>
    private void StartWatchdog()
    {
        // Its own output goes nowhere: holding this process's pipes open would keep the test runner waiting.
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            # SIGQUIT is PostgreSQL's immediate shutdown: the postmaster ends its children, then itself.
            pid=$(head -n 1 "$2/data/postmaster.pid") && kill -QUIT "$pid" && sleep 2 && kill -9 "$pid"
            sleep 1
            rm -rf "$2"
            """;
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-f", "sh", "-c", script, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), root })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("The PostgreSQL watchdog did not start");
        watchdog.WaitForExit();
    }

    // The first line of postmaster.pid is the server's process id.
    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private async Task InitializeAsync()
    {
        if (RunningAsRoot)
        {
            await RunProcessAsync("chown", "postgres:postgres", root);
        }

        // --no-sync only skips syncing initdb's own files; the server itself runs with fsync on.
        await RunAsync("initdb", "-D", dataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture, $"""

            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{root}'
            fsync = on
            synchronous_commit = on
            max_connections = 200
            """));
    }

    private static string FindNewestBinDirectory()
    {
        var newest = Directory.Exists(PackageLibrary)
            ? Directory.GetDirectories(PackageLibrary)
                .Where(version => File.Exists(Path.Combine(version, "bin", "initdb")) && File.Exists(Path.Combine(version, "bin", "pg_ctl")))
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return newest is null
            ? throw new InvalidOperationException(
                $"PostgreSQL is not installed (no {PackageLibrary}/*/bin/initdb): run `apt-get install postgresql` (./test.sh does), "
                + "or set SESSIONKIT_TEST_POSTGRES to the connection string of a server where the user may CREATE DATABASE.")
            : Path.Combine(newest, "bin");
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private Task RunAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(binDirectory, tool);
        return RunningAsRoot
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunProcessAsync(path, arguments);
    }

    private async Task RunProcessAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(root, "server.log");
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}"
                + (File.Exists(log) ? await File.ReadAllTextAsync(log) : ""));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A server that would not stop still holds files; the next run, or the OS, cleans up.
        }
    }
}
