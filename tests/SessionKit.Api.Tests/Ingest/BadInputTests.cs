using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>Every class of bad input answers a clear 4xx as ProblemDetails, and the server keeps serving.</summary>
public sealed class BadInputTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not json", "{\"seq\": 0, \"events\": [" },
        { "trailing garbage", "{\"seq\":0,\"events\":[]} x" },
        { "array body", "[]" },
        { "string body", "\"hello\"" },
        { "missing seq", "{\"events\":[]}" },
        { "missing events", "{\"seq\":0}" },
        { "negative seq", "{\"seq\":-1,\"events\":[]}" },
        { "fractional seq", "{\"seq\":1.5,\"events\":[]}" },
        { "string seq", "{\"seq\":\"1\",\"events\":[]}" },
        { "events object", "{\"seq\":0,\"events\":{}}" },
        { "event not object", "{\"seq\":0,\"events\":[1]}" },
        { "event without type", "{\"seq\":0,\"events\":[{\"timestamp\":1}]}" },
        { "event without timestamp", "{\"seq\":0,\"events\":[{\"type\":3}]}" },
        { "string type", "{\"seq\":0,\"events\":[{\"type\":\"3\",\"timestamp\":1}]}" },
        { "object timestamp", "{\"seq\":0,\"events\":[{\"type\":3,\"timestamp\":{\"a\":1}}]}" },
        { "duplicate events", "{\"seq\":0,\"events\":[],\"events\":[]}" },
        { "empty body", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBatchIsBadRequest(string caseName, string body)
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        using var response = await ingest.PostRawAsync($"/api/v1/sessions/{sessionId}/events", Encoding.UTF8.GetBytes(body));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, caseName);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task InvalidGzipIsBadRequest()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var content = new ByteArrayContent("definitely not gzip"u8.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await ingest.PostAsync($"/api/v1/sessions/{sessionId}/events", content);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "bad gzip");
    }

    [Fact]
    public async Task UnsupportedEncodingIsRefused()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.ContentEncoding.Add("compress");
        using var response = await ingest.PostAsync($"/api/v1/sessions/{sessionId}/events", content);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "compress");
    }

    [Fact]
    public async Task MissingOrWrongKeyIsUnauthorized()
    {
        using var noKey = fixture.App.CreateClient();
        using (var response = await noKey.PostAsJsonAsync("/api/v1/sessions/", new { url = "https://x.example/" }))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "no key");
        }

        using var wrongKey = fixture.App.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-SessionKit-Key", "sk_wrong");
        using (var response = await wrongKey.PostAsync("/api/v1/sessions/abcdefgh1234/events", new StringContent("{\"seq\":0,\"events\":[]}")))
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "wrong key");
        }
    }

    [Fact]
    public async Task KeyInQueryStringWorksForBeacons()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        using var beacon = fixture.App.CreateClient();
        var key = await fixture.App.DefaultIngestKeyAsync();
        var content = new StringContent("{\"seq\":0,\"events\":[{\"type\":3,\"timestamp\":5}]}", Encoding.UTF8, "text/plain");
        using var response = await beacon.PostAsync($"/api/v1/sessions/{sessionId}/events?key={Uri.EscapeDataString(key)}", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task IngestKeyCannotRead()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var key = await fixture.App.DefaultIngestKeyAsync();
        using var reader = fixture.App.CreateClient();
        reader.DefaultRequestHeaders.Add("X-SessionKit-Key", key);
        foreach (var path in new[] { $"/api/v1/sessions/{sessionId}", $"/api/v1/sessions/{sessionId}/events", "/api/v1/projects", "/api/v1/projects/default/sessions" })
        {
            using var response = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var bearer = fixture.App.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var asBearer = await bearer.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
    }

    [Fact]
    public async Task UnknownSessionIsNotFound()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        using var response = await ingest.PostBatchAsync("never-started-" + Guid.NewGuid().ToString("N")[..12], 0, DuplicateBatchTests.Events(1, 1));
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "unknown session");

        using var admin = fixture.App.CreateAdminClient();
        using var read = await admin.GetAsync("/api/v1/sessions/nope-nope-nope");
        await AssertProblemAsync(read, HttpStatusCode.NotFound, "unknown session read");
    }

    [Fact]
    public async Task OversizedBodyIsTooLarge()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var big = new JsonArray { new JsonObject { ["type"] = 3, ["timestamp"] = 1, ["data"] = new string('x', 1_200_000) } };
        using var response = await ingest.PostBatchAsync(sessionId, 0, big);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "1.2 MB plain");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task GzipBombIsTooLarge()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        // 64 MiB of zeros gzips to ~64 KB: small on the wire, far over the 10 MiB decompressed limit.
        var bomb = IngestClientExtensions.Gzip(new byte[64 * 1024 * 1024]);
        Assert.True(bomb.Length < 1024 * 1024);
        var content = new ByteArrayContent(bomb);
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await ingest.PostAsync($"/api/v1/sessions/{sessionId}/events", content);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "gzip bomb");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task BadSessionStartsAreBadRequests()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        foreach (var body in new[] { "{\"id\":\"short\"}", "{\"id\":\"has spaces in it\"}", "{\"startedAt\":\"yesterday\"}", "{\"screen\":{\"width\":-5,\"height\":3}}", "{\"url\": 5}", "not json" })
        {
            using var response = await ingest.PostRawAsync("/api/v1/sessions/", Encoding.UTF8.GetBytes(body));
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, body);
        }
    }

    [Fact]
    public async Task OddLiveConsentBodiesAreBadRequests()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        foreach (var body in new[] { "null", "{}", "{\"granted\":null}", "{\"granted\":\"yes\"}", "{\"granted\":[true]}", "[true]", "" })
        {
            using var response = await ingest.PostRawAsync($"/api/v1/sessions/{sessionId}/live-consent", Encoding.UTF8.GetBytes(body));
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, body);
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task BadQueryParametersAreBadRequests()
    {
        using var admin = fixture.App.CreateAdminClient();
        foreach (var query in new[] { "limit=0", "limit=abc", "from=notatime", "cursor=not-a-cursor", "minDurationMs=-1" })
        {
            using var response = await admin.GetAsync($"/api/v1/projects/default/sessions?{query}");
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, query);
        }
    }

    [Theory]
    [InlineData("/api/v1/projects", "{\"name\": ")]
    [InlineData("/api/v1/projects", "[1,2]")]
    [InlineData("/api/v1/auth/login", "{\"userName\": 5}")]
    [InlineData("/api/v1/auth/setup", "nonsense")]
    public async Task MalformedJsonOnOtherEndpointsIsBadRequest(string path, string body)
    {
        using var admin = fixture.App.CreateAdminClient();
        using var response = await admin.PostRawAsync(path, Encoding.UTF8.GetBytes(body));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, path + " " + body);
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        using var admin = fixture.App.CreateAdminClient();
        using var response = await admin.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string caseName) =>
        ProblemAssert.IsProblemAsync(response, expected, caseName);
}
