using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SessionKit.Bench.Browser;
using SessionKit.Bench.Hosting;
using SessionKit.Bench.Load;
using SessionKit.Bench.Reporting;

namespace SessionKit.Bench.Replay;

/// <summary><c>replay</c>: time to the first frame of a long session's replay in the dashboard (docs/performance.md, "Replay").</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = ReplayBenchOptions.Parse(args);
        if (!File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Api", "wwwroot", "dashboard", "index.html")))
        {
            throw new UsageException("The dashboard is not built: run dotnet build SessionKit.sln -c Release (or npm run build) first.");
        }

        var machine = MachineInfo.Read();
        Console.Error.WriteLine(machine.Describe());
        var source = Recording.Load(options.Fixture);
        var longSession = LongSession.Build(source, options.Duration);
        var plans = new[] { longSession, source }.Select(r => BatchPlan.Create(r, SdkBatching.Default, 1)).ToList();
        var serverAssembly = Path.GetFullPath(options.ServerAssembly ?? RepositoryPaths.ReleaseServerAssembly);
        var (user, password) = ("bench-admin", Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)));

        var first = await ServerHost.StartAsync(serverAssembly, new Dictionary<string, string>(), cancellationToken);
        IReadOnlyList<LoadSession> sessions;
        try
        {
            await CreateAdministratorAsync(first.BaseAddress, user, password, cancellationToken);
            sessions = await IngestAsync(first, plans, cancellationToken);
            // A restart compacts every session and starts with nothing in memory, as for a replay of a past session.
            await first.StopGracefullyAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await first.DisposeAsync(keepLog: false, keepData: true);
        }

        var subjects = new List<ReplaySubject>();
        await using (var server = await ServerHost.StartAsync(serverAssembly, new Dictionary<string, string>(), cancellationToken, first.DataDirectory))
        {
            var json = await NodeScript.RunAsync("bench/browser/replay-first-frame.mjs",
                ["--base-url", server.BaseAddress.ToString().TrimEnd('/'), "--user", user, "--password", password, "--sessions", string.Join(',', sessions.Select(s => s.Id)),
                 "--runs", options.Runs.ToString(CultureInfo.InvariantCulture), "--expect-selector", options.ExpectSelector], cancellationToken);
            var runs = json.GetProperty("runs").Deserialize<List<ReplayRun>>(JsonSerializerOptions.Web) ?? [];
            foreach (var session in sessions)
            {
                var recording = session.Plan.Recording;
                var label = recording == longSession
                    ? FormattableString.Invariant($"{options.Duration.TotalMinutes:0}-minute session")
                    : FormattableString.Invariant($"baseline: `{source.Name}` ({source.Span.TotalSeconds:0} s)");
                subjects.Add(new ReplaySubject(label, session.Id, recording.Events.Count, recording.RawBytes, recording.Span, [.. runs.Where(r => r.SessionId == session.Id)]));
            }
        }

        Console.WriteLine(ReplayReport.Table(subjects));
        if (options.DocumentPath is not null)
        {
            var body = ReplayReport.Settings(options, source, longSession) + "\n\n" + ReplayReport.Table(subjects) + "\nEvery run:\n\n" + ReplayReport.RunLines(subjects) + "\n";
            PerformanceDocument.WriteSection(options.DocumentPath, "Replay", "replay", machine, options.Command ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs()), body);
            Console.WriteLine($"Wrote the replay results to {options.DocumentPath}.");
        }

        var correct = subjects.Count == 2 && subjects.All(s => s.Correct);
        Console.WriteLine(correct
            ? "Correctness: every acknowledged event was stored, and every replay showed the recorded page."
            : "Correctness: FAILED: a replay showed no recorded page, or lacked the expected element.");
        return correct ? 0 : 1;
    }

    private static async Task CreateAdministratorAsync(Uri server, string user, string password, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/setup", new { userName = user, password }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<IReadOnlyList<LoadSession>> IngestAsync(ServerHost server, IReadOnlyList<BatchPlan> plans, CancellationToken cancellationToken)
    {
        var load = new LoadOptions
        {
            Urls = [server.BaseAddress], Sessions = plans.Count, Speed = double.PositiveInfinity, Ramp = TimeSpan.Zero, AdminToken = server.AdminToken, ShowProgress = false,
        };
        var key = await IngestKeys.DefaultProjectKeyAsync(server.BaseAddress, server.AdminToken, cancellationToken);
        var result = await new LoadRunner(load, plans, key).RunAsync(cancellationToken);
        var verification = await StoredEventsVerifier.VerifyAsync(result.Sessions, new NodeRouter(load.Urls), server.AdminToken, cancellationToken);
        Progress.Log(LoadReport.Verification(verification));
        return verification.Passed && result.Sessions.Count == plans.Count
            ? [.. result.Sessions.OrderBy(s => plans.ToList().IndexOf(s.Plan))]
            : throw new InvalidOperationException("The sessions to replay were not stored completely: " + string.Join("; ", verification.Problems));
    }
}
