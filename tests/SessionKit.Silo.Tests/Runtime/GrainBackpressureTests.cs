using SessionKit.Silo.Grains;
using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainBackpressureTests
{
    [Fact]
    public async Task SendersBeyondCapacityWaitAndAreServedInOrderOnceRoomFreesUp()
    {
        await using var host = await GrainTestHost.StartAsync(mailboxCapacity: 2, mailboxFullTimeout: TimeSpan.FromMinutes(1));
        var gate = new CounterGate(host.Hooks);
        var grain = host.Grains.Get<ICounterGrain>(GrainTestHost.NewKey());
        var held = grain.AddAsync(0);
        await gate.Held;

        // Two fit in the mailbox; the other twenty wait for room.
        var calls = Enumerable.Range(1, 22).Select(grain.AddAsync).ToArray();
        Assert.DoesNotContain(calls, call => call.IsCompleted);
        gate.Release();
        var replies = await Task.WhenAll(calls).Within();

        Assert.Equal(0, await held);
        var runningTotals = Enumerable.Range(1, 22).Select(n => n * (n + 1) / 2);
        Assert.Equal(runningTotals, replies);
    }

    [Fact]
    public async Task ASenderFacingAFullMailboxForTooLongGetsMailboxFull()
    {
        await using var host = await GrainTestHost.StartAsync(mailboxCapacity: 2, mailboxFullTimeout: TimeSpan.FromMilliseconds(200));
        var gate = new CounterGate(host.Hooks);
        var key = GrainTestHost.NewKey();
        var grain = host.Grains.Get<ICounterGrain>(key);
        var held = grain.AddAsync(0);
        await gate.Held;
        var queued = new[] { grain.AddAsync(1), grain.AddAsync(2) };

        var rejected = grain.AddAsync(100);

        var failure = await Assert.ThrowsAsync<GrainMailboxFullException>(() => rejected.Within());
        Assert.Equal(key, failure.Key);
        // The HTTP layer answers every ServiceUnavailableException with 503 and this Retry-After.
        Assert.True(failure is ServiceUnavailableException { RetryAfter.TotalSeconds: >= 1 });
        gate.Release();
        Assert.Equal(new[] { 1, 3 }, await Task.WhenAll(queued).Within());
        Assert.Equal(3, await grain.GetAsync().AsTask().Within());
    }
}
