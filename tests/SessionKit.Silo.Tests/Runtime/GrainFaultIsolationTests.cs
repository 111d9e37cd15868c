using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainFaultIsolationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // thrown before the method returns a task
    public async Task AThrowingCallFaultsOnlyItsCaller(bool synchronously)
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ICounterGrain>(key);
        var other = host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey());
        await grain.AddAsync(2);

        var before = grain.AddAsync(1);
        var failing = grain.FailAsync("boom", synchronously);
        var after = grain.AddAsync(10);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Within());
        Assert.Equal("boom", failure.Message);
        Assert.Equal(3, await before.Within());
        Assert.Equal(13, await after.Within());
        Assert.Equal(1, await other.AddAsync(1).Within());
        Assert.Equal(1, host.Probe.ActivationsStarted(key));
    }
}
