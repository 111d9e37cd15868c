using System.Net;
using System.Text;

namespace SessionKit.Api.Tests;

/// <summary>
/// Bodies of the administrator endpoints that are valid JSON of the wrong shape (null where a value
/// belongs, nulls inside lists, a value of the wrong type) answer 400 ProblemDetails, never a 500.
/// </summary>
public sealed class AdminBodyTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    public static TheoryData<string, string, string> OddBodies => new()
    {
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[null]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[\"https://ok.example\",null]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[\"\"]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[\"   \"]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[5]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[{}]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":[[\"https://a.example\"]]}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"allowedOrigins\":\"https://shop.example\"}" },
        { "POST", "/api/v1/projects", "{\"name\":\"x\",\"requireLiveConsent\":\"yes\"}" },
        { "POST", "/api/v1/projects", "{\"name\":null}" },
        { "POST", "/api/v1/projects", "{\"name\":{\"a\":1}}" },
        { "POST", "/api/v1/projects", "{}" },
        { "POST", "/api/v1/projects", "null" },
        { "PATCH", "/api/v1/projects/default", "{\"allowedOrigins\":[null]}" },
        { "PATCH", "/api/v1/projects/default", "{\"allowedOrigins\":[\"https://ok.example\",null]}" },
        { "PATCH", "/api/v1/projects/default", "{\"allowedOrigins\":[7]}" },
        { "PATCH", "/api/v1/projects/default", "{\"name\":\"\"}" },
        { "PATCH", "/api/v1/projects/default", "{\"name\":[\"x\"]}" },
        { "PATCH", "/api/v1/projects/default", "{\"requireLiveConsent\":1}" },
        { "PATCH", "/api/v1/projects/default", "null" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "null" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":\"hi\"}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":null,\"at\":5}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":\"hi\",\"at\":-1}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":\"hi\",\"at\":1.5}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":\"hi\",\"at\":\"soon\"}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":[\"hi\"],\"at\":1}" },
        { "POST", "/api/v1/sessions/some-session-id/comments", "{\"text\":\"hi\",\"at\":1e300}" },
        { "POST", "/api/v1/auth/setup", "null" },
        { "POST", "/api/v1/auth/setup", "{\"userName\":null,\"password\":null}" },
        { "POST", "/api/v1/auth/setup", "{\"userName\":\"admin\",\"password\":null}" },
        { "POST", "/api/v1/auth/setup", "{\"userName\":[\"admin\"],\"password\":\"long enough\"}" },
        { "POST", "/api/v1/auth/login", "null" },
        { "POST", "/api/v1/auth/login", "{\"userName\":{},\"password\":\"x\"}" },
    };

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task OddlyShapedBodyIsBadRequest(string method, string path, string body)
    {
        using var admin = fixture.App.CreateAdminClient();
        using var response = await SendRawAsync(admin, method, path, body);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, $"{method} {path} {body}");

        using var projects = await admin.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/v1/projects")]
    [InlineData("PATCH", "/api/v1/projects/default")]
    public async Task NullOriginIsRefusedWithAMessageThatNamesTheField(string method, string path)
    {
        using var admin = fixture.App.CreateAdminClient();
        using var response = await SendRawAsync(admin, method, path, "{\"name\":\"x\",\"allowedOrigins\":[null]}");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, method);
        Assert.Contains("allowedOrigins", (string?)problem["detail"]);
        Assert.Contains("null", (string?)problem["detail"]);
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string method, string path, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return client.SendAsync(request);
    }
}
