using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainOrderingTests
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4)] // most sends wait for room, and must still keep their order
    public async Task MessagesFromOneSenderAreProcessedInOrder(int mailboxCapacity)
    {
        await using var host = await GrainTestHost.StartAsync(mailboxCapacity: mailboxCapacity);
        var grain = host.Grains.Get<IRecorderGrain>(GrainTestHost.NewKey());

        var sends = Enumerable.Range(0, 1000).Select(grain.RecordAsync).ToArray();
        await Task.WhenAll(sends).Within();

        Assert.Equal(Enumerable.Range(0, 1000), await grain.GetRecordedAsync());
    }

    [Fact]
    public async Task AGrainNeverRunsTwoMessagesAtOnce()
    {
        await using var host = await GrainTestHost.StartAsync();
        var grain = host.Grains.Get<IRecorderGrain>(GrainTestHost.NewKey());

        var turns = Enumerable.Range(0, 200).Select(_ => Task.Run(grain.TurnAsync)).ToArray();
        await Task.WhenAll(turns).Within();

        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
    }

    [Fact]
    public async Task DifferentGrainsRunConcurrently()
    {
        await using var host = await GrainTestHost.StartAsync();
        var key = GrainTestHost.NewKey();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Hooks.BeforeAdd = async (grainKey, _) =>
        {
            if (grainKey == key)
            {
                held.TrySetResult();
                await release.Task;
            }
        };

        var blocked = host.Grains.Get<ICounterGrain>(key).AddAsync(1);
        await held.Task.Within();

        Assert.Equal(1, await host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey()).AddAsync(1).Within());
        Assert.False(blocked.IsCompleted);
        release.SetResult();
        Assert.Equal(1, await blocked.Within());
    }
}
