using System.Text.Json;
using System.Text.Json.Nodes;
using SessionKit.Grains.Alerts;
using SessionKit.Grains.Signals;

namespace SessionKit.Api.Alerts;

/// <summary>The body of an alert in each webhook format: generic JSON, Slack's and Discord's incoming-webhook shapes.</summary>
public static class WebhookPayloads
{
    public const string Json = "json";
    public const string Slack = "slack";
    public const string Discord = "discord";

    public static readonly IReadOnlyList<string> Formats = [Json, Slack, Discord];

    public static byte[] Build(string format, AlertNotice notice, string? dashboardUrl)
    {
        var link = $"{dashboardUrl?.TrimEnd('/')}/#/sessions/{Uri.EscapeDataString(notice.SessionId)}";
        JsonNode body = format switch
        {
            Slack => new JsonObject { ["text"] = $"{Summary(notice)} <{link}|Open the session>" },
            Discord => new JsonObject { ["content"] = $"{Summary(notice)} {link}" },
            _ => Generic(notice, link),
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>One line a person reads in a chat: which rule, which session, what happened.</summary>
    public static string Summary(AlertNotice notice) =>
        $"SessionKit alert \"{notice.Rule.Name}\": session {notice.SessionId} (score {notice.Score})"
        + (notice.Signal is { } signal ? $": {signal.Explanation}" : "")
        + (notice.Url is { } url ? $" on {url}" : "") + ".";

    private static JsonObject Generic(AlertNotice notice, string link) => new()
    {
        ["type"] = "alert",
        ["rule"] = new JsonObject { ["id"] = notice.Rule.Id, ["name"] = notice.Rule.Name },
        ["session"] = new JsonObject
        {
            ["id"] = notice.SessionId, ["projectId"] = notice.ProjectId, ["url"] = notice.Url, ["score"] = notice.Score, ["link"] = link,
        },
        ["signal"] = notice.Signal is null ? null : JsonSerializer.SerializeToNode(notice.Signal, SignalJson.Options),
        ["firedAt"] = notice.FiredAt.ToString("O"),
    };
}
