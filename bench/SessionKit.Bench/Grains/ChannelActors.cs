using System.Threading.Channels;

namespace SessionKit.Bench.Grains;

/// <summary>
/// The baseline: the same work through a bare System.Threading.Channels pipeline. Each actor is what a
/// grain activation is at its core (a bounded single-reader channel of the same capacity, one loop that
/// runs messages one at a time, a reply task completed asynchronously), without references, a directory,
/// a DI scope, timers or idle tracking.
/// </summary>
internal sealed class ChannelActors
{
    private readonly Actor[] _actors;

    public ChannelActors(int count, int capacity)
    {
        _actors = new Actor[count];
        for (var i = 0; i < count; i++)
        {
            _actors[i] = new Actor(capacity);
        }
    }

    public Task<int> AddAsync(int actor, int amount) => _actors[actor].PostAsync(amount);

    public void Complete()
    {
        foreach (var actor in _actors)
        {
            actor.Complete();
        }
    }

    private sealed class Actor
    {
        private readonly Channel<Request> _mailbox;
        private int _value;

        public Actor(int capacity)
        {
            _mailbox = Channel.CreateBounded<Request>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            _ = Task.Run(RunAsync);
        }

        public Task<int> PostAsync(int amount)
        {
            var request = new Request(amount);
            return _mailbox.Writer.TryWrite(request) ? request.Reply.Task : WaitForRoomAsync(request);
        }

        public void Complete() => _mailbox.Writer.TryComplete();

        private async Task<int> WaitForRoomAsync(Request request)
        {
            await _mailbox.Writer.WriteAsync(request);
            return await request.Reply.Task;
        }

        private async Task RunAsync()
        {
            while (await _mailbox.Reader.WaitToReadAsync())
            {
                while (_mailbox.Reader.TryRead(out var request))
                {
                    request.Reply.TrySetResult(_value += request.Amount);
                }
            }
        }
    }

    private sealed class Request(int amount)
    {
        public int Amount { get; } = amount;

        public TaskCompletionSource<int> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
