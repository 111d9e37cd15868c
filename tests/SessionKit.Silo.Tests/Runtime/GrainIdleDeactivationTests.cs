using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainIdleDeactivationTests
{
    private static Task<GrainTestHost> StartWithShortIdleTimeoutAsync() =>
        GrainTestHost.StartAsync(idleTimeout: TimeSpan.FromMilliseconds(100), idleScanInterval: TimeSpan.FromMilliseconds(20));

    [Fact]
    public async Task AnIdleGrainIsPersistedAndReactivatedWithItsState()
    {
        await using var host = await StartWithShortIdleTimeoutAsync();
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ICounterGrain>(key);
        await grain.AddAsync(3);

        await Poll.UntilAsync(() => host.Diagnostics.ActivationCount == 0, "the idle grain is deactivated");
        Assert.Equal(1, host.Probe.Deactivated(key));
        Assert.Equal(3, host.Store.Get(key));

        Assert.Equal(5, await grain.AddAsync(2).Within());
        Assert.Equal(2, host.Probe.ActivationsStarted(key));
    }

    [Fact]
    public async Task AMessageArrivingWhileTheGrainPersistsKeepsTheActivation()
    {
        await using var host = await StartWithShortIdleTimeoutAsync();
        var key = GrainTestHost.NewKey();
        var persisting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Hooks.BeforeDeactivate = _ =>
        {
            persisting.TrySetResult();
            return release.Task;
        };
        var grain = host.Grains.Get<ICounterGrain>(key);
        await grain.AddAsync(1);
        await persisting.Task.Within();

        var arriving = grain.AddAsync(1);
        await Task.Delay(100);
        // Still queued at the old activation: no second activation may load state that is being persisted.
        Assert.False(arriving.IsCompleted);
        Assert.Equal(1, host.Probe.ActivationsStarted(key));
        release.SetResult();

        Assert.Equal(2, await arriving.Within());
        Assert.Equal(1, host.Probe.ActivationsStarted(key));

        // The message's update is persisted by the next deactivation, not lost with the old one.
        await Poll.UntilAsync(() => host.Probe.Deactivated(key) == 2, "the grain deactivates again");
        Assert.Equal(2, host.Store.Get(key));
    }

    [Fact]
    public async Task AGrainThatFailsToPersistStaysActiveAndIsRetried()
    {
        await using var host = await StartWithShortIdleTimeoutAsync();
        var key = GrainTestHost.NewKey();
        var attempts = 0;
        host.Hooks.BeforeDeactivate = _ => Interlocked.Increment(ref attempts) == 1
            ? Task.FromException(new IOException("disk full"))
            : Task.CompletedTask;
        var grain = host.Grains.Get<ICounterGrain>(key);
        await grain.AddAsync(4);

        await Poll.UntilAsync(() => host.Diagnostics.ActivationCount == 0, "the grain is deactivated on a later scan");

        Assert.True(Volatile.Read(ref attempts) >= 2);
        Assert.Equal(4, host.Store.Get(key));
        Assert.Equal(1, host.Probe.ActivationsStarted(key));
    }

    [Fact]
    public async Task AGrainBusyForLongerThanItsIdleTimeoutStaysActive()
    {
        // Activity is noted by the scans, not per message: many scans, each seeing messages since the last.
        await using var host = await GrainTestHost.StartAsync(idleTimeout: TimeSpan.FromSeconds(1), idleScanInterval: TimeSpan.FromMilliseconds(20));
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ICounterGrain>(key);
        var busyUntil = DateTime.UtcNow + TimeSpan.FromSeconds(2.5);
        var sent = 0;
        while (DateTime.UtcNow < busyUntil)
        {
            await grain.AddAsync(1).Within();
            sent++;
            await Task.Delay(20);
        }

        Assert.Equal(sent, await grain.GetAsync().AsTask().Within());
        Assert.Equal(1, host.Probe.ActivationsStarted(key));
        Assert.Equal(0, host.Probe.Deactivated(key));
    }

    [Fact]
    public async Task AGrainIsNotDeactivatedBeforeItsIdleTimeout()
    {
        await using var host = await GrainTestHost.StartAsync(idleTimeout: TimeSpan.FromSeconds(30), idleScanInterval: TimeSpan.FromMilliseconds(20));
        var key = GrainTestHost.NewKey();
        await host.Grains.Get<ICounterGrain>(key).AddAsync(1);

        // A long idle timeout: several scans pass and the grain stays.
        await Task.Delay(200);

        Assert.Equal(1, host.Diagnostics.ActivationCount);
        Assert.Equal(0, host.Probe.Deactivated(key));
    }
}
