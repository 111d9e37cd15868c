using Microsoft.AspNetCore.SignalR;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Hosting;
using SessionKit.Silo.Live;

namespace SessionKit.Api.Live;

/// <summary>
/// This node's bridge between the live bus and its hub connections: the only holder of the hub
/// context. It keeps one feed per watched session and project and knows what each connection watches.
/// </summary>
internal sealed class LiveBridge(
    IGrainFactory grains, ILiveBus bus, IHubContext<LiveHub, ILiveClient> hub, NodeIdentity node, ILogger<LiveBridge> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionFeed> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectFeed> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConnectionWatches> _connections = new(StringComparer.Ordinal);

    /// <summary>Adds the connection as a viewer; its catch-up is sent before this completes. Null for an unknown session.</summary>
    public async Task<LiveCatchUp?> WatchSessionAsync(string connectionId, string sessionId, bool requireConsent)
    {
        var feed = JoinFeed(connectionId, sessionId, watches => watches.Sessions);
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

    /// <summary>Sends the session's new comments to the connection, without counting it as a viewer.</summary>
    public Task WatchCommentsAsync(string connectionId, string sessionId) =>
        JoinFeed(connectionId, sessionId, watches => watches.Comments).ListenAsync(connectionId);

    public void UnwatchComments(string connectionId, string sessionId)
    {
        lock (_gate)
        {
            if (Watches(connectionId).Comments.Remove(sessionId) && _sessions.TryGetValue(sessionId, out var feed))
            {
                feed.StopListening(connectionId);
            }
        }
    }

    public Task WatchProjectAsync(string connectionId, string projectId)
    {
        lock (_gate)
        {
            if (!_projects.TryGetValue(projectId, out var feed))
            {
                feed = new ProjectFeed(projectId, bus, hub, logger);
                _projects[projectId] = feed;
            }

            Watches(connectionId).Projects.Add(projectId);
            return feed.AddAsync(connectionId);
        }
    }

    public void UnwatchProject(string connectionId, string projectId)
    {
        lock (_gate)
        {
            if (Watches(connectionId).Projects.Remove(projectId))
            {
                LeaveProject(connectionId, projectId);
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

            foreach (var sessionId in watches.Comments)
            {
                if (_sessions.TryGetValue(sessionId, out var feed))
                {
                    feed.StopListening(connectionId);
                }
            }

            foreach (var projectId in watches.Projects)
            {
                LeaveProject(connectionId, projectId);
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

    /// <summary>The session's feed, created if needed, with the join announced under the lock so it cannot close meanwhile.</summary>
    private SessionFeed JoinFeed(string connectionId, string sessionId, Func<ConnectionWatches, HashSet<string>> list)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var feed))
            {
                feed = new SessionFeed(sessionId, grains.Get<ISessionGrain>(sessionId), bus, hub, node.Id, logger);
                feed.BecameEmpty += CloseIfIdle;
                _sessions[sessionId] = feed;
            }

            feed.AnnounceJoin();
            list(Watches(connectionId)).Add(sessionId);
            return feed;
        }
    }

    private void LeaveProject(string connectionId, string projectId)
    {
        if (_projects.TryGetValue(projectId, out var feed) && feed.Remove(connectionId))
        {
            _projects.Remove(projectId);
            feed.Close();
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

    private ConnectionWatches Watches(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var watches))
        {
            watches = new ConnectionWatches();
            _connections[connectionId] = watches;
        }

        return watches;
    }

    private sealed class ConnectionWatches
    {
        public HashSet<string> Sessions { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Comments { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Projects { get; } = new(StringComparer.Ordinal);
    }
}
