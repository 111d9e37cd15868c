using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Storage;

/// <summary>The whole server on PostgreSQL (SESSIONKIT_STORAGE=postgres): ingest, replay, login across nodes.</summary>
public sealed class PostgresServerTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public async Task ARecordingIngestedInBatchesComesBackEqualFromPostgres(string recording)
    {
        var events = Recordings.Load(recording);
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await RecordingRoundTrip.IngestAsync(ingest, events);

        using var admin = fixture.App.CreateAdminClient();
        await RecordingRoundTrip.AssertStoredAsync(admin, sessionId, events, recording);

        // Stored in PostgreSQL, and nothing in the data directory's SQLite file.
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM sessions WHERE id = '{sessionId}'"));
        Assert.False(File.Exists(Path.Combine(fixture.App.DataDirectory, "sessionkit.db")));
    }

    [Fact]
    public async Task ALoginCookieIssuedByOneNodeIsAcceptedByAnother()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        using var first = PostgresAppFixture.CreateApp(database);
        using var second = PostgresAppFixture.CreateApp(database);
        var noCookies = new WebApplicationFactoryClientOptions { HandleCookies = false };
        using var firstClient = first.CreateClient(noCookies);
        using var secondClient = second.CreateClient(noCookies);

        using var setup = await firstClient.PostAsJsonAsync("/api/v1/auth/setup", new { userName = "ada", password = "correct horse" });
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var cookie = Assert.Single(setup.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
        request.Headers.Add("Cookie", cookie);
        using var projects = await secondClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM dataprotection_keys WHERE friendly_name LIKE 'key-%'"));
    }
}
