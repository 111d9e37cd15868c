using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using SessionKit.Grains.Live;
using SessionKit.Grains.Signals;
using SessionKit.Silo.Live;

namespace SessionKit.Api.Live;

/// <summary>
/// One watched project on this node: relays session started/updated/ended and signals raised to its watchers, in order,
/// through one SignalR group (a send visits the group's members only, not every connection of the node).
/// </summary>
internal sealed partial class ProjectFeed
{
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new() { SingleReader = true });
    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly string _projectId;
    private readonly string _group;
    private readonly ILiveBus _bus;
    private readonly IHubContext<LiveHub, ILiveClient> _hub;
    private readonly ILogger _logger;
    private IAsyncDisposable? _subscription;

    public ProjectFeed(string projectId, ILiveBus bus, IHubContext<LiveHub, ILiveClient> hub, ILogger logger)
    {
        (_projectId, _bus, _hub, _logger) = (projectId, bus, hub, logger);
        // Unique per feed: a feed closing must not take watchers out of its successor's group.
        _group = $"live-project.{projectId}.{Guid.NewGuid():N}";
        _ = Task.Run(RunAsync);
    }

    /// <summary>Adds the watcher; completes once every later change of the project's sessions reaches it.</summary>
    public Task AddAsync(string connectionId)
    {
        lock (_gate)
        {
            _connections.Add(connectionId);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new AddRequest(connectionId, done));
        return done.Task;
    }

    /// <summary>Removes the watcher; true when none is left.</summary>
    public bool Remove(string connectionId)
    {
        lock (_gate)
        {
            if (_connections.Remove(connectionId))
            {
                _work.Writer.TryWrite(new RemoveRequest(connectionId));
            }

            return _connections.Count == 0;
        }
    }

    public void Close() => _work.Writer.TryComplete();

    private ValueTask Enqueue(object message)
    {
        if (message is LiveSessionPublished or LiveSignalRaised)
        {
            _work.Writer.TryWrite(message);
        }

        return ValueTask.CompletedTask;
    }

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                _subscription ??= await _bus.SubscribeAsync(LiveTopics.Project(_projectId), Enqueue, CancellationToken.None);
                await HandleAsync(work);
            }
            catch (Exception ex)
            {
                LogSendFailed(_logger, _projectId, ex);
                (work as AddRequest)?.Done.TrySetException(ex);
            }
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    private async Task HandleAsync(object work)
    {
        switch (work)
        {
            case AddRequest add:
                await _hub.Groups.AddToGroupAsync(add.ConnectionId, _group);
                add.Done.TrySetResult();
                break;
            case RemoveRequest remove:
                await _hub.Groups.RemoveFromGroupAsync(remove.ConnectionId, _group);
                break;
            case LiveSessionPublished message:
                var clients = _hub.Clients.Group(_group);
                await (message.Change switch
                {
                    LiveSessionChange.Started => clients.SessionStarted(message.Session),
                    LiveSessionChange.Ended => clients.SessionEnded(message.Session),
                    _ => clients.SessionUpdated(message.Session),
                });
                break;
            case LiveSignalRaised signal:
                await _hub.Clients.Group(_group).SignalRaised(signal);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying live session changes of project {ProjectId} failed")]
    private static partial void LogSendFailed(ILogger logger, string projectId, Exception exception);

    private sealed record AddRequest(string ConnectionId, TaskCompletionSource Done);

    private sealed record RemoveRequest(string ConnectionId);
}
