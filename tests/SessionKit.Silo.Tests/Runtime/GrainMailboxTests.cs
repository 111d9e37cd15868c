using SessionKit.Silo.Grains;
using SessionKit.Silo.Runtime;
using SessionKit.Silo.Tests.Runtime.Support;
using SessionKit.Silo.Tests.Runtime.TestGrains;

namespace SessionKit.Silo.Tests.Runtime;

public sealed class GrainMailboxTests
{
    private sealed class Message : GrainRequest
    {
        public override ValueTask RunAsync(Grain grain) => ValueTask.CompletedTask;

        public override void Fail(Exception exception)
        {
        }
    }

    private sealed class Signal : MailboxItem;

    private static GrainMailbox Create(int capacity, TimeSpan? fullTimeout = null) => new(
        new GrainId(typeof(ICounterGrain), GrainTestHost.NewKey()),
        new GrainRuntimeOptions { MailboxCapacity = capacity, MailboxFullTimeout = fullTimeout ?? TimeSpan.FromMinutes(1) },
        TimeProvider.System);

    [Fact]
    public async Task APostBeyondCapacityWaitsUntilTheReaderMakesRoom()
    {
        var mailbox = Create(capacity: 1);
        var first = new Message();
        Assert.True(await mailbox.PostAsync(first));

        var second = mailbox.PostAsync(new Message()).AsTask();
        Assert.False(second.IsCompleted);

        Assert.True(mailbox.TryRead(out var read));
        Assert.Same(first, read);
        Assert.True(await second.Within());
    }

    [Fact]
    public async Task MessagesWaitingForRoomAreQueuedInTheirOrder()
    {
        var mailbox = Create(capacity: 1);
        var messages = new[] { new Message(), new Message(), new Message() };
        Assert.True(await mailbox.PostAsync(messages[0]));
        var waiting = new[] { mailbox.PostAsync(messages[1]).AsTask(), mailbox.PostAsync(messages[2]).AsTask() };

        foreach (var expected in messages)
        {
            Assert.True(mailbox.TryRead(out var read));
            Assert.Same(expected, read);
        }

        Assert.Equal(new[] { true, true }, await Task.WhenAll(waiting).Within());
        Assert.False(mailbox.HasMessages);
    }

    [Fact]
    public async Task ASignalIsQueuedEvenWhenTheMailboxIsFullAndSendersWait()
    {
        var mailbox = Create(capacity: 1);
        var messages = new[] { new Message(), new Message() };
        Assert.True(await mailbox.PostAsync(messages[0]));
        var waiting = mailbox.PostAsync(messages[1]).AsTask();
        var signals = new[] { new Signal(), new Signal() };

        // Refused, a one-shot tick would be lost: signals are never turned away by a full mailbox.
        Assert.True(mailbox.TryPostSignal(signals[0]));
        Assert.True(mailbox.TryPostSignal(signals[1]));

        var read = new List<MailboxItem>();
        while (mailbox.TryRead(out var item))
        {
            read.Add(item);
        }

        Assert.True(await waiting.Within());
        Assert.Equal<MailboxItem>([messages[0], signals[0], signals[1], messages[1]], read);
        Assert.False(mailbox.HasMessages);
    }

    [Fact]
    public async Task APostThatWaitsTooLongFailsAndIsWithdrawn()
    {
        var mailbox = Create(capacity: 1, fullTimeout: TimeSpan.FromMilliseconds(50));
        Assert.True(await mailbox.PostAsync(new Message()));

        await Assert.ThrowsAsync<GrainMailboxFullException>(() => mailbox.PostAsync(new Message()).AsTask().Within());

        Assert.True(mailbox.TryRead(out _));
        Assert.False(mailbox.HasMessages);
        Assert.True(mailbox.TryCloseIfEmpty(() => { }));
    }

    [Fact]
    public async Task ClosingDeliversAdmittedMessagesThenEndsReading()
    {
        var mailbox = Create(capacity: 1);
        var first = new Message();
        var second = new Message();
        Assert.True(await mailbox.PostAsync(first));
        var waiting = mailbox.PostAsync(second).AsTask();

        mailbox.Close();

        Assert.False(await mailbox.PostAsync(new Message()));
        Assert.True(mailbox.TryRead(out var read));
        Assert.Same(first, read);
        Assert.True(await waiting.Within());
        Assert.True(await mailbox.WaitToReadAsync().AsTask().Within());
        Assert.True(mailbox.TryRead(out read));
        Assert.Same(second, read);
        Assert.False(await mailbox.WaitToReadAsync().AsTask().Within());
    }

    [Fact]
    public async Task TheIdleCloseIsRefusedWhileAMessageIsQueuedButNotForSignals()
    {
        var mailbox = Create(capacity: 4);
        Assert.True(mailbox.TryPostSignal(new Signal()));
        Assert.True(await mailbox.PostAsync(new Message()));
        var closed = 0;

        Assert.False(mailbox.TryCloseIfEmpty(() => closed++));
        Assert.True(mailbox.TryRead(out _));
        Assert.True(mailbox.TryRead(out _));
        Assert.True(mailbox.TryPostSignal(new Signal()));
        Assert.True(mailbox.TryCloseIfEmpty(() => closed++));

        Assert.Equal(1, closed);
        Assert.False(mailbox.TryPostSignal(new Signal()));
        Assert.False(await mailbox.PostAsync(new Message()));
    }
}
