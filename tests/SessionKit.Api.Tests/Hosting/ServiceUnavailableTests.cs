using System.Net;
using SessionKit.Silo;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Hosting;

/// <summary>
/// A "temporarily unavailable" failure anywhere under a request answers 503 ProblemDetails with
/// Retry-After, through the real pipeline: the session store is wrapped so that reading chosen
/// session ids fails the way an overloaded or restarting dependency would.
/// </summary>
public sealed class ServiceUnavailableTests : IDisposable
{
    private readonly SessionKitApp _app = new(services: services => services.InterceptSessionStore(new SessionStoreHooks
    {
        BeforeGetSession = sessionId => sessionId switch
        {
            _ when sessionId.StartsWith("unavailable-", StringComparison.Ordinal) => throw new TestUnavailableException(TimeSpan.FromSeconds(2.2)),
            _ when sessionId.StartsWith("wrapped-", StringComparison.Ordinal) => throw new InvalidOperationException(
                "outer", new AggregateException(new TimeoutException(), new TestUnavailableException(TimeSpan.Zero))),
            _ when sessionId.StartsWith("broken-", StringComparison.Ordinal) => throw new InvalidOperationException("a bug"),
            _ => Task.CompletedTask,
        },
    }));

    [Fact]
    public async Task UnavailableDependencyAnswers503WithRetryAfterRoundedUpToWholeSeconds()
    {
        using var admin = _app.CreateAdminClient();
        using var response = await admin.GetAsync("/api/v1/sessions/unavailable-" + Guid.NewGuid().ToString("N"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal("3", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Contains("Retry-After", (string?)problem["detail"]);
        Assert.DoesNotContain("secret internals", (string?)problem["detail"]);
    }

    [Fact]
    public async Task UnavailableFailureWrappedInOtherExceptionsIsFoundAndRetryAfterIsAtLeastOneSecond()
    {
        using var admin = _app.CreateAdminClient();
        using var response = await admin.GetAsync("/api/v1/sessions/wrapped-" + Guid.NewGuid().ToString("N"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "wrapped");
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task OtherExceptionsStillAnswer500WithoutRetryAfter()
    {
        using var admin = _app.CreateAdminClient();
        using var response = await admin.GetAsync("/api/v1/sessions/broken-" + Guid.NewGuid().ToString("N"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "bug");
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task HealthyRequestsAreUnaffected()
    {
        using var admin = _app.CreateAdminClient();
        using var response = await admin.GetAsync("/api/v1/sessions/healthy-" + Guid.NewGuid().ToString("N"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown session");
    }

    public void Dispose() => _app.Dispose();

    private sealed class TestUnavailableException(TimeSpan retryAfter)
        : ServiceUnavailableException("test dependency down: secret internals", retryAfter);
}
