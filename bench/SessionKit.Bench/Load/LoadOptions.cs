using SessionKit.Bench.Hosting;

namespace SessionKit.Bench.Load;

/// <summary>What the load generator does; parsed from the command line (see <see cref="Usage"/>) or set by a benchmark.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        usage: SessionKit.Bench load [options] URL[,URL...]

        Replays rrweb recordings as concurrent sessions through SessionKit's public ingest API, the way
        sdk-js sends them, then checks that every acknowledged event was stored once, in order.

          URL,... / --url URL     SessionKit servers (repeatable or comma-separated). Sessions are spread
                                  round-robin and stay on their node; a connection error or a 503 moves a
                                  session to the next URL (default http://localhost:5000)
          --sessions 10           concurrent sessions
          --recordings PATH,...   rrweb JSON array files, or directories of them (default: every file in
                                  ../shared/fixtures/recordings); session i replays recording i mod count
          --speed 1               replay pace: events are recorded at their timestamps divided by this;
                                  "max" sends each session's batches back to back (the SDK's batches, no waiting)
          --duration SECONDS      stop starting batches after this long (default: when every session is done)
          --loop                  a session that finished its recording is followed by a new session (needs --duration)
          --ramp 2                seconds over which the sessions' starts are spread
          --flush-interval 5000   SDK batching: ms after the first buffered event ...
          --max-batch-events 500  ... or this many events ...
          --max-batch-bytes 262144  ... or this much JSON cuts a batch
          --no-gzip               send batches uncompressed (the SDK gzips)
          --admin-token TOKEN     for the ingest key and the check afterwards (default: $SESSIONKIT_ADMIN_TOKEN)
          --ingest-key KEY        the project's ingest key (default: the "default" project's, read with the admin token)
          --no-verify             skip the check of stored events
          --events-path PATH      where batches go, {id} is the session (default /api/v1/sessions/{id}/events)
          --no-session-start      do not POST /api/v1/sessions/ first (for the bench's no-op endpoint)
          --retry-base-ms 1000    backoff after a failure without Retry-After: doubles per attempt (jittered)...
          --retry-max-ms 60000    ... up to this
          --timeout 30            seconds before a request counts as failed (and is retried)

        Exit code: 0 when every acknowledged event was stored once and in order, 1 when not (or nothing could
        be checked), 2 for a bad command line.
        """;

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://localhost:5000")];

    public int Sessions { get; init; } = 10;

    public IReadOnlyList<string> Recordings { get; init; } = [RepositoryPaths.Recordings];

    /// <summary>Replay pace; <see cref="double.PositiveInfinity"/> sends back to back (closed loop).</summary>
    public double Speed { get; init; } = 1;

    public bool ClosedLoop => double.IsPositiveInfinity(Speed);

    public TimeSpan? Duration { get; init; }

    public bool Loop { get; init; }

    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(2);

    public SdkBatching Batching { get; init; } = SdkBatching.Default;

    public string? AdminToken { get; init; } = Environment.GetEnvironmentVariable("SESSIONKIT_ADMIN_TOKEN") is { Length: > 0 } token ? token : null;

    public string? IngestKey { get; init; }

    public bool Verify { get; init; } = true;

    public string EventsPath { get; init; } = "/api/v1/sessions/{id}/events";

    public bool StartSessions { get; init; } = true;

    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After the duration, how long batches in flight (and their retries) may take before they are abandoned.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Prints a progress line every second on stderr.</summary>
    public bool ShowProgress { get; init; } = true;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        var urls = new List<Uri>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            options = name switch
            {
                "--loop" => options with { Loop = true },
                "--no-gzip" => options with { Batching = options.Batching with { Gzip = false } },
                "--no-verify" => options with { Verify = false },
                "--no-session-start" => options with { StartSessions = false },
                _ when !name.StartsWith("--", StringComparison.Ordinal) => AddUrls(options, urls, name),
                _ when i + 1 >= args.Count => throw new UsageException($"{name} needs a value."),
                _ => WithValue(options, urls, name, args[++i]),
            };
        }

        options = urls.Count > 0 ? options with { Urls = urls } : options;
        return options.Loop && options.Duration is null ? throw new UsageException("--loop needs --duration.") : options;
    }

    private static LoadOptions WithValue(LoadOptions options, List<Uri> urls, string name, string value) => name switch
    {
        "--url" => AddUrls(options, urls, value),
        "--sessions" => options with { Sessions = OptionValues.Integer(name, value) },
        "--recordings" => options with { Recordings = OptionValues.List(name, value) },
        "--speed" => options with { Speed = value == "max" ? double.PositiveInfinity : OptionValues.Number(name, value) },
        "--duration" => options with { Duration = OptionValues.Seconds(name, value) },
        "--ramp" => options with { Ramp = OptionValues.Seconds(name, value, allowZero: true) },
        "--flush-interval" => options with { Batching = options.Batching with { FlushInterval = TimeSpan.FromMilliseconds(OptionValues.Integer(name, value)) } },
        "--max-batch-events" => options with { Batching = options.Batching with { MaxBatchEvents = OptionValues.Integer(name, value) } },
        "--max-batch-bytes" => options with { Batching = options.Batching with { MaxBatchBytes = OptionValues.Integer(name, value) } },
        "--admin-token" => options with { AdminToken = value },
        "--ingest-key" => options with { IngestKey = value },
        "--events-path" => options with { EventsPath = value.Contains("{id}", StringComparison.Ordinal) ? value : throw new UsageException("--events-path must contain {id}.") },
        "--retry-base-ms" => options with { RetryBase = TimeSpan.FromMilliseconds(OptionValues.Integer(name, value)) },
        "--retry-max-ms" => options with { RetryMax = TimeSpan.FromMilliseconds(OptionValues.Integer(name, value)) },
        "--timeout" => options with { RequestTimeout = OptionValues.Seconds(name, value) },
        _ => throw new UsageException($"Unknown option {name}."),
    };

    private static LoadOptions AddUrls(LoadOptions options, List<Uri> urls, string value)
    {
        foreach (var text in OptionValues.List("URL", value))
        {
            urls.Add(Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new UsageException($"'{text}' is not an http(s) URL."));
        }

        return options;
    }
}
