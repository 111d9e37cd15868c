using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using SessionKit.Grains.Live;
using SessionKit.Silo.Live;

namespace SessionKit.Api.Live;

/// <summary>One watched project on this node: relays session started/updated/ended to its watchers, in order.</summary>
internal sealed partial class ProjectFeed
{
    private readonly Channel<LiveSessionPublished> _messages = Channel.CreateUnbounded<LiveSessionPublished>(new() { SingleReader = true });
    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly IHubContext<LiveHub, ILiveClient> _hub;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;

    public ProjectFeed(string projectId, ILiveBus bus, IHubContext<LiveHub, ILiveClient> hub, ILogger logger)
    {
        (_hub, _logger) = (hub, logger);
        _subscription = bus.Subscribe(LiveTopics.Project(projectId), message =>
        {
            if (message is LiveSessionPublished published)
            {
                _messages.Writer.TryWrite(published);
            }

            return ValueTask.CompletedTask;
        });
        _ = Task.Run(RunAsync);
    }

    public void Add(string connectionId)
    {
        lock (_gate)
        {
            _connections.Add(connectionId);
        }
    }

    /// <summary>Removes the watcher; true when none is left.</summary>
    public bool Remove(string connectionId)
    {
        lock (_gate)
        {
            _connections.Remove(connectionId);
            return _connections.Count == 0;
        }
    }

    public void Close()
    {
        _subscription.Dispose();
        _messages.Writer.TryComplete();
    }

    private async Task RunAsync()
    {
        await foreach (var message in _messages.Reader.ReadAllAsync())
        {
            List<string> connections;
            lock (_gate)
            {
                connections = [.. _connections];
            }

            try
            {
                var clients = _hub.Clients.Clients(connections);
                await (message.Change switch
                {
                    LiveSessionChange.Started => clients.SessionStarted(message.Session),
                    LiveSessionChange.Ended => clients.SessionEnded(message.Session),
                    _ => clients.SessionUpdated(message.Session),
                });
            }
            catch (Exception ex)
            {
                LogSendFailed(_logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a project's live session update failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
