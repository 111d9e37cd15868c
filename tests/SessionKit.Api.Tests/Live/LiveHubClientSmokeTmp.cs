using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

public sealed class LiveHubClientSmokeTmp
{
    [Fact]
    public async Task LiveHubClientSmokeAgainstApp()
    {
        using var app = new SessionKitApp();
        await using var anonymous = await LiveHubClient.ConnectAsync(app);
        var denied = await Assert.ThrowsAsync<LiveHubException>(() => anonymous.InvokeAsync("WatchProject", "default"));
        Assert.Contains("Not allowed", denied.Message, StringComparison.Ordinal);
        await using var admin = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await admin.InvokeAsync("WatchProject", "default");
        await using var negotiated = await LiveHubClient.ConnectAsync(app, new LiveHubConnectOptions { AccessToken = app.AdminToken, Negotiate = true });
        await negotiated.InvokeAsync("WatchProject", "default");
    }
}
