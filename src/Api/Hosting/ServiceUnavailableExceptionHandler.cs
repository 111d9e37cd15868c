using Microsoft.AspNetCore.Diagnostics;
using SessionKit.Silo;

namespace SessionKit.Api.Hosting;

/// <summary>
/// Turns a <see cref="ServiceUnavailableException"/> (also one wrapped in other exceptions) into a 503
/// ProblemDetails with Retry-After, so clients back off and resend instead of treating it as a bug.
/// Every other exception is left to the default handling (500).
/// </summary>
public sealed partial class ServiceUnavailableExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ServiceUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Find(exception) is not { } unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, unavailable.GetType().Name, unavailable.Message);
        var seconds = RetryAfterSeconds(unavailable.RetryAfter);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A client that accepts no JSON still gets the status and Retry-After, never a 500.
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                // The exception's message stays in the log: it names internals a client has no use for.
                Detail = "A part of the server this request needs is overloaded or restarting. "
                    + $"Send the same request again after {seconds} s (the Retry-After header).",
            },
        });
        return true;
    }

    /// <summary>Retry-After in whole seconds, rounded up and at least 1, so a client never retries at once.</summary>
    public static long RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>The first ServiceUnavailableException in the exception or its inner exceptions, depth first.</summary>
    public static ServiceUnavailableException? Find(Exception? exception)
    {
        // Bounded: a pathological cycle of inner exceptions must not hang the error path.
        var pending = new Stack<Exception>();
        if (exception is not null)
        {
            pending.Push(exception);
        }

        for (var visited = 0; pending.Count > 0 && visited < 64; visited++)
        {
            var current = pending.Pop();
            if (current is ServiceUnavailableException unavailable)
            {
                return unavailable;
            }

            if (current is AggregateException aggregate)
            {
                for (var i = aggregate.InnerExceptions.Count - 1; i >= 0; i--)
                {
                    pending.Push(aggregate.InnerExceptions[i]);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: {ExceptionType}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string reason);
}
