using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainActivationTests
{
    [Fact]
    public async Task ConcurrentFirstCallsShareOneActivation()
    {
        await using var host = await GrainTestHost.StartAsync();
        var keys = Enumerable.Range(0, 50).Select(_ => GrainTestHost.NewKey()).ToArray();
        var activationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Hooks.BeforeActivate = _ => activationGate.Task;

        // Dedicated threads released together for each key make first calls race as hard as the machine allows.
        const int callersPerKey = 100;
        var replies = keys.Select(_ => new Task<int>[callersPerKey]).ToArray();
        using var start = new Barrier(Environment.ProcessorCount * 2);
        var callers = Enumerable.Range(0, start.ParticipantCount).Select(caller => new Thread(() =>
        {
            foreach (var (key, index) in keys.Select((key, index) => (key, index)))
            {
                start.SignalAndWait();
                for (var call = caller; call < callersPerKey; call += start.ParticipantCount)
                {
                    replies[index][call] = host.Grains.Get<ICounterGrain>(key).AddAsync(1);
                }
            }
        })).ToList();
        callers.ForEach(thread => thread.Start());
        callers.ForEach(thread => thread.Join());
        // Every call was queued while the first activation of its key was still in OnActivateAsync.
        activationGate.SetResult();

        foreach (var (key, index) in keys.Select((key, index) => (key, index)))
        {
            Assert.Equal(Enumerable.Range(1, callersPerKey), (await Task.WhenAll(replies[index]).Within()).Order());
            Assert.Equal(1, host.Probe.ActivationsStarted(key));
        }

        Assert.Equal(keys.Length, host.Probe.Constructed(nameof(CounterGrain)));
        Assert.Equal(keys.Length, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task EachKeyGetsItsOwnActivationAndState()
    {
        await using var host = await GrainTestHost.StartAsync();
        var first = host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey());
        var second = host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey());

        await first.AddAsync(5);
        await second.AddAsync(7);

        Assert.Equal(5, await first.GetAsync());
        Assert.Equal(7, await second.GetAsync());
        Assert.Equal(2, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task FailedActivationFailsQueuedCallsAndTheNextCallRetries()
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();
        var failFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        host.Hooks.BeforeActivate = async _ =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await failFirst.Task;
                throw new InvalidOperationException("storage is down");
            }
        };
        var grain = host.Grains.Get<ICounterGrain>(key);

        var queued = Enumerable.Range(0, 5).Select(_ => grain.AddAsync(1)).ToArray();
        failFirst.SetResult();

        foreach (var call in queued)
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => call.Within());
            Assert.Equal("storage is down", failure.Message);
        }

        Assert.Equal(1, await grain.AddAsync(1).Within());
        Assert.Equal(2, host.Probe.ActivationsStarted(key));
        Assert.Equal(1, host.Probe.Activated(key));
        Assert.Equal(1, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task GrainsCallOtherGrainsThroughReferences()
    {
        await using var host = await GrainTestHost.StartAsync();
        var counterKey = GrainTestHost.NewKey();
        var relay = host.Grains.Get<IRelayGrain>(GrainTestHost.NewKey());

        Assert.Equal(3, await relay.AddToCounterAsync(counterKey, 3).Within());
        Assert.Equal(7, await relay.AddToCounterAsync(counterKey, 4).Within());

        Assert.Equal(7, await host.Grains.Get<ICounterGrain>(counterKey).GetAsync());
    }
}
