using SessionKit.Grains.Alerts;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly Signal Rage = new(0, SignalTypes.RageClick, 1, "https://shop.example.com/checkout?step=2", null, new SignalEvidence(), "3 clicks");
    private static readonly Signal Dead = new(1, SignalTypes.DeadClick, 2, "https://shop.example.com/cart", null, new SignalEvidence(), "dead");

    private static AlertRuleRecord Rule(string? type = null, string? url = null, int? minScore = null, bool enabled = true) =>
        new("r", "p", "rule", type, url, minScore, [], enabled, DateTimeOffset.UnixEpoch);

    [Fact]
    public void ARageClickOnCheckoutFiresOnlyForARageClickOnThatPage()
    {
        Assert.Equal((true, Rage), AlertRules.Match(Rule(SignalTypes.RageClick, "/CHECKOUT"), [Dead, Rage], 35));
        Assert.False(AlertRules.Match(Rule(SignalTypes.RageClick, "/checkout"), [Dead], 35).Matched);
        Assert.False(AlertRules.Match(Rule(SignalTypes.DeadClick, "/checkout"), [Dead], 35).Matched);
    }

    [Fact]
    public void AScoreRuleFiresOnlyAboveItsScoreAndADisabledRuleNever()
    {
        Assert.True(AlertRules.Match(Rule(minScore: 70), [Rage], 71).Matched);
        Assert.False(AlertRules.Match(Rule(minScore: 70), [Rage], 70).Matched);
        Assert.False(AlertRules.Match(Rule(SignalTypes.RageClick, minScore: 70), [Rage], 50).Matched);
        Assert.True(AlertRules.Match(Rule(SignalTypes.RageClick, minScore: 30), [Rage], 50).Matched);
        Assert.False(AlertRules.Match(Rule(SignalTypes.RageClick, enabled: false), [Rage], 50).Matched);
        Assert.False(AlertRules.Match(Rule(), [Rage], 50).Matched);
    }
}
