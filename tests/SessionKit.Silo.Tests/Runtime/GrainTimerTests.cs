using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task TimerCallbacksNeverOverlapMessages()
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ITickingGrain>(key);
        await grain.PingAsync();

        var turns = Enumerable.Range(0, 100).Select(_ => Task.Run(grain.TurnAsync)).ToArray();
        await Task.WhenAll(turns).Within();
        await Poll.UntilAsync(() => host.Probe.Ticks(key) >= 5, "the timer ticks");

        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
    }

    [Fact]
    public async Task TimersDoNotKeepAnIdleGrainAliveAndStopWithIt()
    {
        await using var host = await GrainTestHost.StartAsync(idleTimeout: TimeSpan.FromMilliseconds(150), idleScanInterval: TimeSpan.FromMilliseconds(20));
        var key = GrainTestHost.NewKey();
        await host.Grains.Get<ITickingGrain>(key).PingAsync();

        await Poll.UntilAsync(() => host.Diagnostics.ActivationCount == 0, "the ticking grain is deactivated");
        Assert.Equal(1, host.Probe.Deactivated(key));
        Assert.True(host.Probe.Ticks(key) > 0);
        Assert.True(host.Probe.TimerToken(key).IsCancellationRequested);

        var ticks = host.Probe.Ticks(key);
        await Task.Delay(20 * TickingGrain.Period);
        Assert.Equal(ticks, host.Probe.Ticks(key));
    }
}
