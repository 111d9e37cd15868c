using SessionKit.Grains.Live;

namespace SessionKit.Grains.Tests.Live;

public sealed class ViewerLeasesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ViewersOfEveryNodeCountUntilTheirLeaseLapses()
    {
        var leases = new ViewerLeases(TimeSpan.FromSeconds(30));
        leases.Set(new ViewerLease("node-a", 2, false), Now);
        leases.Set(new ViewerLease("node-b", 1, true), Now.AddSeconds(20));

        Assert.Equal(3, leases.Total(Now.AddSeconds(25)));
        Assert.True(leases.RequireConsent(Now.AddSeconds(25)));
        Assert.Equal(1, leases.Total(Now.AddSeconds(31)));

        leases.Set(new ViewerLease("node-b", 0, true), Now.AddSeconds(32));
        Assert.Equal(0, leases.Total(Now.AddSeconds(32)));
        Assert.False(leases.RequireConsent(Now.AddSeconds(32)));
    }
}
