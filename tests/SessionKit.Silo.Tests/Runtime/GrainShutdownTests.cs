using SessionKit.Silo.Grains;
using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainShutdownTests
{
    [Fact]
    public async Task StoppingTheHostPersistsEveryGrain()
    {
        await using var host = await GrainTestHost.StartAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => GrainTestHost.NewKey()).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            await host.Grains.Get<ICounterGrain>(keys[i]).AddAsync(i + 1);
        }

        await host.StopAsync().Within();

        Assert.Equal(keys.Select((_, i) => (int?)(i + 1)), keys.Select(host.Store.Get));
        Assert.Equal(0, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task StoppingTheHostRunsQueuedMessagesBeforePersisting()
    {
        await using var host = await GrainTestHost.StartAsync();
        var gate = new CounterGate(host.Hooks);
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ICounterGrain>(key);
        var held = grain.AddAsync(0);
        await gate.Held;
        var queued = new[] { grain.AddAsync(1), grain.AddAsync(2), grain.AddAsync(3) };

        var stopping = host.StopAsync();
        gate.Release();
        await stopping.Within();

        Assert.Equal(new[] { 1, 3, 6 }, await Task.WhenAll(queued));
        Assert.Equal(6, host.Store.Get(key));
    }

    [Fact]
    public async Task CallsToInactiveGrainsAreRefusedAfterShutdown()
    {
        await using var host = await GrainTestHost.StartAsync();
        var grain = host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey());
        await grain.AddAsync(1);
        await host.StopAsync().Within();

        var refused = await Assert.ThrowsAsync<GrainRuntimeStoppingException>(() => grain.AddAsync(1).Within());
        Assert.True(refused is ServiceUnavailableException { RetryAfter.TotalSeconds: >= 1 });
        Assert.Equal(0, host.Diagnostics.ActivationCount);
    }
}
