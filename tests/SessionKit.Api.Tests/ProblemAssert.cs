using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SessionKit.Api.Tests;

/// <summary>Checks that an answer is a ProblemDetails of the expected status, and hands it back for more checks.</summary>
public static class ProblemAssert
{
    public static async Task<JsonObject> IsProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string caseName)
    {
        Assert.True(expected == response.StatusCode, $"{caseName}: expected {(int)expected}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((int)expected, problem!["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), caseName);
        return problem;
    }
}
