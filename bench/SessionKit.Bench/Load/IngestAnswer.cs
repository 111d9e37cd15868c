using System.Globalization;
using System.Net;

namespace SessionKit.Bench.Load;

/// <summary>What an SDK does with an answer, as sdk-js's retry.ts decides it.</summary>
internal enum AnswerKind
{
    Ok,
    Retry,
    Drop,
    UnknownSession,
    Conflict,
    Fatal,
}

/// <summary>An answer classified, with the wait the server asked for (Retry-After), if any.</summary>
internal readonly record struct IngestAnswer(AnswerKind Kind, TimeSpan? RetryAfter, bool Failover)
{
    public static IngestAnswer Classify(HttpResponseMessage response, bool sessionStart)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return new(AnswerKind.Ok, null, false);
        }

        if (status is 408 or 429 or >= 500)
        {
            // 503 is what a node says when it is overloaded or going away: another node may take the session.
            return new(AnswerKind.Retry, RetryAfterOf(response), response.StatusCode == HttpStatusCode.ServiceUnavailable);
        }

        return status switch
        {
            401 or 403 => new(AnswerKind.Fatal, null, false),
            404 when !sessionStart => new(AnswerKind.UnknownSession, null, false),
            409 when sessionStart => new(AnswerKind.Conflict, null, false),
            >= 400 when sessionStart => new(AnswerKind.Fatal, null, false),
            _ => new(AnswerKind.Drop, null, false),
        };
    }

    /// <summary>Exponential with "equal jitter", like the SDK: never below half the step.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var step = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds((step / 2) + (Random.Shared.NextDouble() * step / 2));
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
