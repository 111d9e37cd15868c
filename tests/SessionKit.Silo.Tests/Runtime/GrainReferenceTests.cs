using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Runtime;
using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainReferenceTests
{
    public interface IUnregisteredGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }

    public interface INotAGrainContract : IGrainWithStringKey
    {
        int Count();
    }

    [Fact]
    public async Task EveryReturnShapeAndInheritedMethodsAreDispatched()
    {
        await using var host = await GrainTestHost.StartAsync();
        var grain = host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey());

        Assert.Equal(4, await grain.AddAsync(4));       // Task<T>
        Assert.Equal(4, await grain.GetAsync());        // ValueTask<T>, declared on a base contract
        await grain.ResetAsync();                       // ValueTask
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAsync("no", synchronously: false)); // Task

        Assert.Equal(0, await grain.GetAsync());
    }

    [Fact]
    public async Task ReferencesToTheSameGrainAreEqual()
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();

        var first = host.Grains.Get<ICounterGrain>(key);
        var second = host.Grains.Get<ICounterGrain>(key);

        Assert.Equal(first, second);
        Assert.NotEqual(first, host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey()));
        Assert.IsNotType<CounterGrain>(first);
    }

    [Fact]
    public async Task AReferenceWhoseActivationDeactivatedReachesTheNextOne()
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ICounterGrain>(key);
        await grain.AddAsync(3);

        await DeactivateAsync(host, key);

        Assert.Equal(5, await grain.AddAsync(2).Within());
        Assert.Equal(6, await grain.AddAsync(1).Within());
        Assert.Equal(2, host.Probe.ActivationsStarted(key));
        Assert.Equal(1, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task AnOldAndANewReferenceShareTheNextActivation()
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();
        var old = host.Grains.Get<ICounterGrain>(key);
        await old.AddAsync(3);
        await DeactivateAsync(host, key);

        // The new reference activates the grain again; the old one must find that activation, not start another.
        Assert.Equal(5, await host.Grains.Get<ICounterGrain>(key).AddAsync(2).Within());
        Assert.Equal(6, await old.AddAsync(1).Within());

        Assert.Equal(2, host.Probe.ActivationsStarted(key));
        Assert.Equal(1, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task CallingAContractWithoutAGrainClassFaultsTheCall()
    {
        await using var host = await GrainTestHost.StartAsync();
        var grain = host.Grains.Get<IUnregisteredGrain>(GrainTestHost.NewKey());

        var call = grain.PingAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        Assert.Contains(nameof(IUnregisteredGrain), failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Diagnostics.ActivationCount);
    }

    private static async Task DeactivateAsync(GrainTestHost host, string key)
    {
        var directory = host.Services.GetRequiredService<GrainDirectory>();
        await directory.DeactivateWhereAsync(id => id.Key == key, CancellationToken.None).Within();
        Assert.Equal(1, host.Probe.Deactivated(key));
        Assert.Equal(0, host.Diagnostics.ActivationCount);
    }

    [Fact]
    public async Task AContractWithANonTaskMethodIsRejected()
    {
        await using var host = await GrainTestHost.StartAsync();

        var failure = Assert.Throws<InvalidOperationException>(() => host.Grains.Get<INotAGrainContract>(GrainTestHost.NewKey()));
        Assert.Contains(nameof(INotAGrainContract.Count), failure.Message, StringComparison.Ordinal);
    }
}
