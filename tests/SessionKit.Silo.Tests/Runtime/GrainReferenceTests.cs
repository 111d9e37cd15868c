using SessionKit.Silo.Grains;
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
    public async Task CallingAContractWithoutAGrainClassFaultsTheCall()
    {
        await using var host = await GrainTestHost.StartAsync();
        var grain = host.Grains.Get<IUnregisteredGrain>(GrainTestHost.NewKey());

        var call = grain.PingAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        Assert.Contains(nameof(IUnregisteredGrain), failure.Message, StringComparison.Ordinal);
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
