using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SessionKit.Bench.Load;

/// <summary>What became of one planned batch of a session.</summary>
internal enum BatchState
{
    NotSent,
    /// <summary>Sent at least once, never acknowledged: it may or may not be stored.</summary>
    Unacknowledged,
    Acknowledged,
}

/// <summary>Shared by every session of a run.</summary>
internal sealed record LoadContext(HttpClient Http, NodeRouter Nodes, LoadOptions Options, LoadStats Stats, CancellationToken StopSending, CancellationToken Abort);

/// <summary>A 401/403 (or a refused session start): every further request would fail the same way.</summary>
internal sealed class FatalAnswerException(string message) : Exception(message);

/// <summary>
/// One visitor's page running sdk-js: starts its session, then sends the planned batches when the SDK
/// would cut them, one at a time (a batch waits for the one before it to be answered), retrying
/// network errors, timeouts, 408, 429 and 5xx (after Retry-After when given, else with jittered
/// exponential backoff) and moving to the next node on a connection error or a 503.
/// </summary>
internal sealed class LoadSession(string id, BatchPlan plan, int node, LoadContext context)
{
    private const int MaxRecreations = 3;
    private readonly Stopwatch _clock = new();

    public string Id { get; } = id;

    public BatchPlan Plan { get; } = plan;

    /// <summary>The node the session is on now (it moves on failover).</summary>
    public int Node { get; private set; } = node;

    public BatchState[] States { get; } = new BatchState[plan.Batches.Count];

    public async Task RunAsync()
    {
        _clock.Start();
        if (context.Options.StartSessions && !await StartAsync())
        {
            return;
        }

        foreach (var batch in Plan.Batches)
        {
            if (!context.Options.ClosedLoop)
            {
                await WaitForAsync(batch.Due);
            }

            if (context.StopSending.IsCancellationRequested)
            {
                return;
            }

            if (!context.Options.ClosedLoop)
            {
                var late = (_clock.Elapsed - batch.Due).TotalMilliseconds;
                context.Stats.Record(c => c.SendDelays.Add(Math.Max(0, late)));
            }

            await SendBatchAsync(batch);
        }
    }

    private async Task SendBatchAsync(PlannedBatch batch)
    {
        var index = (int)batch.Seq;
        States[index] = BatchState.Unacknowledged;
        for (var recreated = 0; ; recreated++)
        {
            var (kind, text, milliseconds) = await SendAsync(n => BatchRequest(n, batch), sessionStart: false);
            switch (kind)
            {
                case AnswerKind.Ok:
                    States[index] = BatchState.Acknowledged;
                    var duplicate = text?.Contains("\"duplicate\":true", StringComparison.Ordinal) == true;
                    context.Stats.Record(c => c.Acknowledged(batch, milliseconds, duplicate));
                    return;
                case AnswerKind.UnknownSession when recreated < MaxRecreations && context.Options.StartSessions:
                    // The server lost or never had the session (as the SDK does: create it again, resend this seq).
                    if (!await StartAsync())
                    {
                        return;
                    }

                    continue;
                case AnswerKind.Fatal:
                    throw new FatalAnswerException($"a batch of session {Id} was refused for good: {text}");
                default:
                    context.Stats.Record(c => c.GaveUpOn());
                    return;
            }
        }
    }

    private async Task<bool> StartAsync()
    {
        var (kind, text, _) = await SendAsync(StartRequest, sessionStart: true);
        if (kind == AnswerKind.Ok)
        {
            context.Stats.Record(c => c.SessionStarted());
            return true;
        }

        if (kind == AnswerKind.Fatal)
        {
            throw new FatalAnswerException($"POST /api/v1/sessions/ was refused: {text}");
        }

        return false;
    }

    /// <summary>Sends until the answer is not worth retrying, or the run is aborted; returns it with the last attempt's round trip.</summary>
    private async Task<(AnswerKind Kind, string? Text, double Milliseconds)> SendAsync(Func<int, HttpRequestMessage> build, bool sessionStart)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = build(Node);
            var began = Stopwatch.GetTimestamp();
            IngestAnswer answer;
            string kind;
            string? text = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Abort);
                timeout.CancelAfter(context.Options.RequestTimeout);
                using var response = await context.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                text = await response.Content.ReadAsStringAsync(timeout.Token);
                answer = IngestAnswer.Classify(response, sessionStart);
                if (answer.Kind != AnswerKind.Retry)
                {
                    return (answer.Kind, text, Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }

                kind = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception) when (!context.Abort.IsCancellationRequested)
            {
                answer = new IngestAnswer(AnswerKind.Retry, null, Failover: true);
                kind = $"connection: {exception.HttpRequestError}";
            }
            catch (OperationCanceledException) when (!context.Abort.IsCancellationRequested)
            {
                answer = new IngestAnswer(AnswerKind.Retry, null, Failover: false);
                kind = "timeout";
            }

            var failover = answer.Failover && context.Nodes.Urls.Count > 1;
            context.Stats.Record(c => c.Failed(sessionStart ? kind + " (session start)" : kind, retried: true, failover));
            if (failover)
            {
                Node = context.Nodes.Next(Node);
            }

            await Task.Delay(answer.RetryAfter ?? IngestAnswer.Backoff(attempt, context.Options.RetryBase, context.Options.RetryMax), context.Abort);
        }
    }

    private HttpRequestMessage BatchRequest(int node, PlannedBatch batch)
    {
        var content = new ByteArrayContent(batch.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (batch.Gzipped)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        var path = context.Options.EventsPath.Replace("{id}", Uri.EscapeDataString(Id), StringComparison.Ordinal);
        return new HttpRequestMessage(HttpMethod.Post, context.Nodes.Resolve(node, path)) { Content = content };
    }

    private HttpRequestMessage StartRequest(int node)
    {
        var recording = Plan.Recording;
        var body = JsonSerializer.Serialize(new
        {
            id = Id,
            visitorId = "v-" + Id,
            tabId = "t-" + Id,
            url = recording.Href ?? "https://loadgen.invalid/" + recording.Name,
            referrer = string.Empty,
            userAgent = "SessionKit.Bench load generator",
            screen = new { width = recording.Width ?? 1280, height = recording.Height ?? 800 },
            startedAt = DateTimeOffset.UtcNow.ToString("O"),
        });
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        return new HttpRequestMessage(HttpMethod.Post, context.Nodes.Resolve(node, "/api/v1/sessions/")) { Content = content };
    }

    private async Task WaitForAsync(TimeSpan due)
    {
        var remaining = due - _clock.Elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(remaining, context.StopSending);
        }
        catch (OperationCanceledException)
        {
            // The run is over: the caller sees StopSending and sends nothing more.
        }
    }
}
