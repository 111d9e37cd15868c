using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace SessionKit.Testing;

/// <summary>
/// The server as a real OS process on a free loopback port, for tests that must kill it
/// (kill -9) and start it again on the same data directory.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote (stdout and stderr), for a failing test's message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <param name="environment">Extra environment variables for the server process.</param>
    /// <param name="readyPath">What must answer 200 before the server counts as started (a cluster node: /health/ready).</param>
    public static async Task<ServerProcess> StartAsync(
        string dataDirectory, string adminToken, IReadOnlyDictionary<string, string>? environment = null, string readyPath = "/api/v1/auth/state")
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServerAssembly(), "--urls", baseAddress.ToString() },
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "src", "Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SESSIONKIT_DATA_DIR"] = dataDirectory;
        start.Environment["SESSIONKIT_ADMIN_TOKEN"] = adminToken;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilServingAsync(readyPath);
        return server;
    }

    public HttpClient CreateClient(string? ingestKey = null, string? adminToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (ingestKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-SessionKit-Key", ingestKey);
        }

        if (adminToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        }

        return client;
    }

    /// <summary>SIGTERM, as a service manager stops a server: it shuts down gracefully; waits until it has exited.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; what survives is what was durable.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private async Task WaitUntilServingAsync(string readyPath)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before serving:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync(readyPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not answer {readyPath} with 200 within 60 s:\n{RecentOutput}");
    }

    private static string ServerAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "SessionKit.Api.dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "SessionKit.Api.runtimeconfig.json")))
        {
            return beside;
        }

        var configuration = AppContext.BaseDirectory.Contains("Release", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryPaths.Root, "src", "Api", "bin", configuration, "net10.0", "SessionKit.Api.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
