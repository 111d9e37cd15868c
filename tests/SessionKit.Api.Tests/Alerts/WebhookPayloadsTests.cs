using System.Text.Json.Nodes;
using SessionKit.Api.Alerts;
using SessionKit.Grains.Alerts;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Tests.Alerts;

public sealed class WebhookPayloadsTests
{
    private static readonly AlertNotice Notice = new(
        new AlertRuleRecord("r1", "shop", "Rage on checkout", SignalTypes.RageClick, "/checkout", null, ["w1"], true, DateTimeOffset.UnixEpoch),
        "s1", "shop", "https://shop.example.com/checkout", 35,
        new Signal(0, SignalTypes.RageClick, 1_732_183_201_000, "https://shop.example.com/checkout", new SignalTarget("button#pay", "Pay now"),
            new SignalEvidence { Count = 3, SpanMs = 420 }, "3 clicks within 420 ms on 'Pay now'"),
        new DateTimeOffset(2026, 11, 21, 10, 0, 1, TimeSpan.Zero));

    [Fact]
    public void SlackAndDiscordGetAReadableLineWithALinkToTheSession()
    {
        var slack = JsonNode.Parse(WebhookPayloads.Build(WebhookPayloads.Slack, Notice, "https://sk.example.com/"))!.AsObject();
        var discord = JsonNode.Parse(WebhookPayloads.Build(WebhookPayloads.Discord, Notice, null))!.AsObject();

        Assert.Equal(
            "SessionKit alert \"Rage on checkout\": session s1 (score 35): 3 clicks within 420 ms on 'Pay now' on https://shop.example.com/checkout. <https://sk.example.com/#/sessions/s1|Open the session>",
            (string)slack["text"]!);
        Assert.Single(slack);
        Assert.Equal(
            "SessionKit alert \"Rage on checkout\": session s1 (score 35): 3 clicks within 420 ms on 'Pay now' on https://shop.example.com/checkout. /#/sessions/s1",
            (string)discord["content"]!);
        Assert.Single(discord);
    }

    [Fact]
    public void TheGenericPayloadCarriesRuleSessionAndSignal()
    {
        var json = JsonNode.Parse(WebhookPayloads.Build(WebhookPayloads.Json, Notice with { Signal = null }, null))!;

        Assert.Equal("alert", (string)json["type"]!);
        Assert.Equal("r1", (string)json["rule"]!["id"]!);
        Assert.Equal(35, (int)json["session"]!["score"]!);
        Assert.Null(json["signal"]);
        Assert.Equal("2026-11-21T10:00:01.0000000+00:00", (string)json["firedAt"]!);
    }
}
