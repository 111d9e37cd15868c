using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="IAlertStore"/> must do.</summary>
public abstract class AlertStoreContract : StorageContract
{
    private IAlertStore Alerts => Store.Get<IAlertStore>();

    [Fact]
    public async Task RulesAreSavedListedReplacedAndDeleted()
    {
        var project = NewId("project");
        var rage = new AlertRuleRecord(NewId("rule"), project, "Rage on checkout", "rage_click", "/checkout", null, ["w1", "w2"], true, At(0));
        var angry = new AlertRuleRecord(NewId("rule"), project, "Angry", null, null, 70, [], false, At(1));
        await Alerts.SaveRuleAsync(angry, Ct);
        await Alerts.SaveRuleAsync(rage, Ct);
        await Alerts.SaveRuleAsync(new AlertRuleRecord(NewId("rule"), NewId("project"), "Other", "dead_click", null, null, [], true, At(0)), Ct);

        Assert.Equal([rage.Id, angry.Id], (await Alerts.ListRulesAsync(project, Ct)).Select(rule => rule.Id));
        AssertSame(rage, await Alerts.GetRuleAsync(rage.Id, Ct));

        var changed = rage with { Name = "Rage anywhere", UrlContains = null, WebhookIds = ["w3"], Enabled = false };
        await Alerts.SaveRuleAsync(changed, Ct);
        AssertSame(changed, await Alerts.GetRuleAsync(rage.Id, Ct));

        Assert.True(await Alerts.DeleteRuleAsync(rage.Id, Ct));
        Assert.False(await Alerts.DeleteRuleAsync(rage.Id, Ct));
        Assert.Null(await Alerts.GetRuleAsync(rage.Id, Ct));
        Assert.Equal([angry.Id], (await Alerts.ListRulesAsync(project, Ct)).Select(rule => rule.Id));
    }

    [Fact]
    public async Task WebhooksAreSavedListedReplacedAndDeleted()
    {
        var project = NewId("project");
        var slack = new WebhookRecord(NewId("hook"), project, "Team", "https://hooks.example.com/1", "slack", "s3cret", At(5));
        await Alerts.SaveWebhookAsync(slack, Ct);

        Assert.Equal([slack], await Alerts.ListWebhooksAsync(project, Ct));
        var moved = slack with { Url = "https://hooks.example.com/2", Format = "discord" };
        await Alerts.SaveWebhookAsync(moved, Ct);
        Assert.Equal(moved, await Alerts.GetWebhookAsync(slack.Id, Ct));
        Assert.True(await Alerts.DeleteWebhookAsync(slack.Id, Ct));
        Assert.Empty(await Alerts.ListWebhooksAsync(project, Ct));
        Assert.Null(await Alerts.GetWebhookAsync(slack.Id, Ct));
    }

    [Fact]
    public async Task DeliveriesAreLoggedNewestFirstPerWebhook()
    {
        var hook = NewId("hook");
        var first = new WebhookDeliveryRecord(NewId("d"), hook, "p", "r", "s", 1, "retrying", 500, "Internal Server Error", At(0));
        var second = new WebhookDeliveryRecord(NewId("d"), hook, "p", "r", "s", 2, "delivered", 204, null, At(2000));
        var elsewhere = new WebhookDeliveryRecord(NewId("d"), NewId("hook"), "p", "r", "s", 1, "failed", null, "timeout", At(1000));
        foreach (var delivery in new[] { first, elsewhere, second })
        {
            await Alerts.AddDeliveryAsync(delivery, Ct);
        }

        Assert.Equal([second, first], await Alerts.ListDeliveriesAsync(hook, 50, Ct));
        Assert.Equal([second], await Alerts.ListDeliveriesAsync(hook, 1, Ct));
        await Assert.ThrowsAsync<StorageConflictException>(() => Alerts.AddDeliveryAsync(first, Ct));
    }

    private static void AssertSame(AlertRuleRecord expected, AlertRuleRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { WebhookIds = [] }, actual with { WebhookIds = [] });
        Assert.Equal(expected.WebhookIds, actual.WebhookIds);
    }
}
