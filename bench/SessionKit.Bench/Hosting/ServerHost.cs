using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace SessionKit.Bench.Hosting;

/// <summary>
/// The Release server as its own OS process on a free loopback port, with a fresh data directory
/// (on the machine's disk, so every acknowledged batch is really fsynced) and an admin token.
/// Its console output goes to a log file, which is kept when the run found errors.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerHost(Process process, Uri baseAddress, string dataDirectory, string adminToken, string logPath, StreamWriter log)
    {
        (_process, BaseAddress, DataDirectory, AdminToken, LogPath, _log) = (process, baseAddress, dataDirectory, adminToken, logPath, log);
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string AdminToken { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <param name="dataDirectory">An existing data directory to serve (a restart); null for a fresh one.</param>
    /// <param name="adminToken">The admin token; null for a fresh one (the nodes of one cluster share theirs).</param>
    /// <param name="readyPath">What must answer 200 before the server counts as serving (a cluster node: /health/ready).</param>
    public static async Task<ServerHost> StartAsync(
        string serverAssembly, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, string? dataDirectory = null,
        string? adminToken = null, string readyPath = "/api/v1/auth/state")
    {
        if (!File.Exists(serverAssembly))
        {
            throw new FileNotFoundException(
                $"No server build at {serverAssembly}: build it first (dotnet build -c Release), or pass --server.", serverAssembly);
        }

        var work = Path.Combine(Path.GetTempPath(), "sessionkit-bench", Guid.NewGuid().ToString("N"));
        dataDirectory ??= Path.Combine(work, "data");
        Directory.CreateDirectory(dataDirectory);
        Directory.CreateDirectory(work);
        adminToken ??= Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverAssembly, "--urls", baseAddress.ToString().TrimEnd('/') },
            // Content root as in development and in the tests: appsettings.json and wwwroot of src/Api.
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "src", "Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SESSIONKIT_DATA_DIR"] = dataDirectory;
        start.Environment["SESSIONKIT_ADMIN_TOKEN"] = adminToken;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var logPath = Path.Combine(work, "server.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerHost(process, baseAddress, dataDirectory, adminToken, logPath, log);
        try
        {
            await server.WaitUntilServingAsync(readyPath, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Lines of the server's log that report a warning or an error.</summary>
    public IReadOnlyList<string> Problems() =>
        File.ReadLines(LogPath).Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Stops the server as an operator would (SIGTERM): it drains, and its grains persist and compact what
    /// they hold. The data directory stays until <see cref="DisposeAsync(bool, bool)"/>. False when it had to be killed.
    /// </summary>
    public async Task<bool> StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode == 0;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
        {
            await kill!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return false;
        }
    }

    /// <summary>Stops the server (SIGKILL: what was acknowledged is durable anyway) and removes its data, keeping the log if asked.</summary>
    public ValueTask DisposeAsync(bool keepLog) => DisposeAsync(keepLog, keepData: false);

    /// <summary>As <see cref="DisposeAsync(bool)"/>, but may leave the data directory for a restart.</summary>
    public async ValueTask DisposeAsync(bool keepLog, bool keepData)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
        if (!keepData)
        {
            TryDelete(DataDirectory);
            // A restarted server's data lived in its first run's directory, which is empty now.
            if (Path.GetDirectoryName(DataDirectory) is { } parent && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
            {
                TryDelete(parent);
            }
        }

        if (!keepLog && !keepData)
        {
            TryDelete(Path.GetDirectoryName(LogPath)!);
        }
        else if (!keepLog)
        {
            // The data directory may live beside the log: only the log goes.
            File.Delete(LogPath);
        }
    }

    public ValueTask DisposeAsync() => DisposeAsync(keepLog: false);

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilServingAsync(string readyPath, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before serving; see {LogPath}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(readyPath, UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The server did not answer within 60 s; see {LogPath}.");
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a benchmark over.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
