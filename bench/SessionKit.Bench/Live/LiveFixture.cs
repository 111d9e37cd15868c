using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using SessionKit.Bench.Hosting;
using SessionKit.Bench.Measurement;

namespace SessionKit.Bench.Live;

/// <summary>
/// Sets a run up on a started server: N sessions with a snapshot each (their SDK pages), and one
/// viewer per session that has watched it and received its catch-up.
/// </summary>
internal sealed class LiveFixture : IAsyncDisposable
{
    private const int SetupParallelism = 32;

    private LiveFixture(HttpClient ingest, IReadOnlyList<SimulatedPage> pages, IngestCounters counters, MeasureWindow window)
    {
        (Ingest, Pages, Counters, Window) = (ingest, pages, counters, window);
    }

    public HttpClient Ingest { get; }

    public IReadOnlyList<SimulatedPage> Pages { get; }

    public List<ViewerConnection> Viewers { get; } = [];

    /// <summary>Hub connections that watch nothing (<c>--idle-connections</c>): what other dashboards cost a live stream.</summary>
    public List<ViewerConnection> IdleConnections { get; } = [];

    public IngestCounters Counters { get; }

    /// <summary>The live phase's measure window, shared by the pages and the viewers.</summary>
    public MeasureWindow Window { get; }

    public TimeSpan SessionSetup { get; private set; }

    public TimeSpan ViewerSetup { get; private set; }

    public static async Task<LiveFixture> CreateAsync(
        ServerHost server, int sessions, SnapshotBatch snapshot, int connectParallelism, int idleConnections, CancellationToken cancellationToken)
    {
        var ingest = CreateIngestClient(server.BaseAddress, await IngestKeyAsync(server, cancellationToken), sessions);
        var counters = new IngestCounters();
        var window = new MeasureWindow();
        var pages = Enumerable.Range(0, sessions)
            .Select(i => new SimulatedPage($"bench-{Guid.NewGuid():N}", ingest, counters, window, seed: i))
            .ToList();
        var fixture = new LiveFixture(ingest, pages, counters, window);
        try
        {
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(pages, Degree(SetupParallelism, cancellationToken), async (page, token) =>
            {
                using var started = await ingest.PostAsJsonAsync(
                    "/api/v1/sessions/", new { id = page.SessionId, url = "https://shop.example.com/", visitorId = "v-bench", tabId = "t-bench", userAgent = "SessionKit.Bench" }, token);
                started.EnsureSuccessStatusCode();
                await page.SendSnapshotAsync(snapshot.Body(UnixTime.NowMilliseconds()));
            });
            fixture.SessionSetup = clock.Elapsed;

            clock.Restart();
            await fixture.ConnectViewersAsync(server, connectParallelism, cancellationToken);
            await Parallel.ForEachAsync(Enumerable.Range(0, idleConnections), Degree(connectParallelism, cancellationToken), async (_, token) =>
            {
                var idle = await ViewerConnection.ConnectAsync(server.BaseAddress, server.AdminToken, "none", new MeasureWindow(), token);
                lock (fixture.IdleConnections)
                {
                    fixture.IdleConnections.Add(idle);
                }
            });
            fixture.ViewerSetup = clock.Elapsed;
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ViewerConnection> viewers;
        lock (Viewers)
        {
            viewers = [.. Viewers];
        }

        lock (IdleConnections)
        {
            viewers.AddRange(IdleConnections);
        }

        await Parallel.ForEachAsync(viewers, Degree(64, CancellationToken.None), (viewer, _) => viewer.DisposeAsync());
        Ingest.Dispose();
    }

    private async Task ConnectViewersAsync(ServerHost server, int parallelism, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        await Parallel.ForEachAsync(Pages, Degree(parallelism, cancellationToken), async (page, token) =>
        {
            try
            {
                var viewer = await ViewerConnection.ConnectAsync(server.BaseAddress, server.AdminToken, page.SessionId, Window, token);
                lock (Viewers)
                {
                    Viewers.Add(viewer);
                }

                var status = await viewer.WatchAsync();
                if (status != "streaming")
                {
                    throw new InvalidOperationException($"WatchSession answered status '{status}'.");
                }

                await viewer.CatchUp.WaitAsync(TimeSpan.FromSeconds(60), token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
            {
                lock (failures)
                {
                    failures.Add($"{exception.GetType().Name}: {exception.Message}");
                }
            }
        });

        if (failures.Count > 0)
        {
            var kinds = failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()} x {g.Key}");
            throw new InvalidOperationException(
                $"{failures.Count} of {Pages.Count} viewers could not connect, watch and get their catch-up: {string.Join("; ", kinds)}");
        }

        // Viewers in page order, so slot i of a scheduler is page i and its viewer.
        var bySession = Viewers.ToDictionary(v => v.SessionId, StringComparer.Ordinal);
        Viewers.Clear();
        Viewers.AddRange(Pages.Select(p => bySession[p.SessionId]));
    }

    private static async Task<string> IngestKeyAsync(ServerHost server, CancellationToken cancellationToken)
    {
        using var admin = server.CreateAdminClient();
        var projects = await admin.GetFromJsonAsync<JsonElement>("/api/v1/projects", cancellationToken);
        return projects.EnumerateArray()
            .Where(p => p.GetProperty("id").GetString() == "default")
            .Select(p => p.GetProperty("ingestKey").GetString())
            .FirstOrDefault() ?? throw new InvalidOperationException("The server has no default project.");
    }

    /// <summary>One pooled connection per page at most, like N visitors' browsers, never waiting for a free one.</summary>
    private static HttpClient CreateIngestClient(Uri baseAddress, string ingestKey, int sessions)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = sessions + 16,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-SessionKit-Key", ingestKey);
        return client;
    }

    private static ParallelOptions Degree(int degree, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken };
}
