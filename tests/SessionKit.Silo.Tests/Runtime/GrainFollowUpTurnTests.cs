using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainFollowUpTurnTests
{
    [Fact]
    public async Task AFollowUpRunsOnceAfterTheTurnThatAskedForItAndCanBeAskedForAgain()
    {
        await using var host = await GrainTestHost.StartAsync();
        var grain = host.Grains.Get<IFollowUpGrain>(GrainTestHost.NewKey());

        await grain.AskTwiceAsync();
        await LogHoldsAsync(grain, 2);
        await grain.AskTwiceAsync();
        await LogHoldsAsync(grain, 4);
        // Time for a second run of either follow-up, were there one.
        await Task.Delay(100);

        Assert.Equal(
            ["message 1 ends", "follow-up after message 1", "message 2 ends", "follow-up after message 2"],
            await grain.GetLogAsync());
    }

    [Fact]
    public async Task AFollowUpIsQueuedAtOnceWithoutWaitingForATimer()
    {
        // A clock whose timers never fire: a follow-up that needed one would never run.
        await using var host = await GrainTestHost.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(new StoppedClock()));
        var grain = host.Grains.Get<IFollowUpGrain>(GrainTestHost.NewKey());

        await grain.AskTwiceAsync();

        await LogHoldsAsync(grain, 2);
        Assert.Equal(["message 1 ends", "follow-up after message 1"], await grain.GetLogAsync());
    }

    [Fact]
    public async Task AFollowUpAskedForWhileTheMailboxIsFullStillRuns()
    {
        await using var host = await GrainTestHost.StartAsync(mailboxCapacity: 1);
        var grain = host.Grains.Get<IFollowUpGrain>(GrainTestHost.NewKey());

        // The second message fills the one slot before the first asks for its follow-up.
        var first = grain.AskLateAsync(TimeSpan.FromMilliseconds(300));
        var second = grain.AskLateAsync(TimeSpan.Zero);
        await Task.WhenAll(first, second);

        await LogHoldsAsync(grain, 3);
        Assert.Equal(["message 1 ends", "message 2 ends", "follow-up after message 2"], await grain.GetLogAsync());
    }

    private sealed class StoppedClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new StoppedTimer();

        private sealed class StoppedTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private static async Task LogHoldsAsync(IFollowUpGrain grain, int entries)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await grain.GetLogAsync()).Count < entries)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {entries} log entries.");
            await Task.Delay(10);
        }
    }
}
