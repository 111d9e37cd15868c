using Microsoft.AspNetCore.SignalR;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Live;

namespace SessionKit.Api.Live;

/// <summary>
/// This node's bridge between the live bus and its hub connections: the only holder of the hub
/// context. It keeps one feed per watched session and project and knows what each connection watches.
/// </summary>
internal sealed class LiveBridge(
    IGrainFactory grains, ILiveBus bus, IHubContext<LiveHub, ILiveClient> hub, LiveNode node, ILogger<LiveBridge> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionFeed> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectFeed> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (HashSet<string> Sessions, HashSet<string> Projects)> _connections = new(StringComparer.Ordinal);

    /// <summary>Adds the connection as a viewer; its catch-up is sent before this completes. Null for an unknown session.</summary>
    public async Task<LiveCatchUp?> WatchSessionAsync(string connectionId, string sessionId, bool requireConsent)
    {
        SessionFeed feed;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out feed!))
            {
                feed = new SessionFeed(sessionId, grains.Get<ISessionGrain>(sessionId), bus, hub, node.Id, logger);
                feed.BecameEmpty += CloseIfIdle;
                _sessions[sessionId] = feed;
            }

            feed.AnnounceJoin();
            Watches(connectionId).Sessions.Add(sessionId);
        }

        var catchUp = await feed.JoinAsync(connectionId, requireConsent);
        if (catchUp is null)
        {
            lock (_gate)
            {
                Watches(connectionId).Sessions.Remove(sessionId);
            }
        }

        return catchUp;
    }

    public void UnwatchSession(string connectionId, string sessionId)
    {
        lock (_gate)
        {
            if (Watches(connectionId).Sessions.Remove(sessionId) && _sessions.TryGetValue(sessionId, out var feed))
            {
                feed.Leave(connectionId);
            }
        }
    }

    public void WatchProject(string connectionId, string projectId)
    {
        lock (_gate)
        {
            if (!_projects.TryGetValue(projectId, out var feed))
            {
                feed = new ProjectFeed(projectId, bus, hub, logger);
                _projects[projectId] = feed;
            }

            feed.Add(connectionId);
            Watches(connectionId).Projects.Add(projectId);
        }
    }

    public void UnwatchProject(string connectionId, string projectId)
    {
        lock (_gate)
        {
            Watches(connectionId).Projects.Remove(projectId);
            if (_projects.TryGetValue(projectId, out var feed) && feed.Remove(connectionId))
            {
                _projects.Remove(projectId);
                feed.Close();
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out var watches))
            {
                return;
            }

            foreach (var sessionId in watches.Sessions)
            {
                if (_sessions.TryGetValue(sessionId, out var feed))
                {
                    feed.Leave(connectionId);
                }
            }

            foreach (var projectId in watches.Projects)
            {
                if (_projects.TryGetValue(projectId, out var feed) && feed.Remove(connectionId))
                {
                    _projects.Remove(projectId);
                    feed.Close();
                }
            }
        }
    }

    /// <summary>Renews this node's viewer lease with every watched session's grain.</summary>
    public void RenewLeases()
    {
        lock (_gate)
        {
            foreach (var feed in _sessions.Values)
            {
                feed.Renew();
            }
        }
    }

    private void CloseIfIdle(SessionFeed feed)
    {
        lock (_gate)
        {
            if (feed.IsIdle && _sessions.TryGetValue(feed.SessionId, out var listed) && ReferenceEquals(listed, feed))
            {
                _sessions.Remove(feed.SessionId);
                feed.Close();
            }
        }
    }

    private (HashSet<string> Sessions, HashSet<string> Projects) Watches(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var watches))
        {
            watches = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            _connections[connectionId] = watches;
        }

        return watches;
    }
}
