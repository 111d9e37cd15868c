using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using SessionKit.Api.Comments;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Silo.Live;

namespace SessionKit.Api.Live;

/// <summary>
/// One watched session on this node. A single loop handles joins, leaves and the session's live
/// messages in order, which is what makes the stream gap-free: each viewer remembers the next seq it
/// needs, so a batch already inside its catch-up is skipped and every later one is sent exactly once.
/// Besides viewers, it serves comment listeners: connections (a replay page) that want the session's
/// new comments without watching, so they are not counted as viewers and put the SDK in no live mode.
/// </summary>
internal sealed partial class SessionFeed
{
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new() { SingleReader = true });
    private readonly Dictionary<string, FeedViewer> _viewers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listeners = new(StringComparer.Ordinal);
    private readonly string _sessionId;
    private readonly ISessionGrain _grain;
    private readonly ILiveBus _bus;
    private readonly IHubContext<LiveHub, ILiveClient> _hub;
    private readonly string _nodeId;
    private readonly ILogger _logger;
    private readonly string _group;
    private IAsyncDisposable? _subscription;
    private bool _requireConsent;
    private int _pendingJoins;
    private int _members;

    public SessionFeed(string sessionId, ISessionGrain grain, ILiveBus bus, IHubContext<LiveHub, ILiveClient> hub, string nodeId, ILogger logger)
    {
        (_sessionId, _grain, _bus, _hub, _nodeId, _logger) = (sessionId, grain, bus, hub, nodeId, logger);
        // Unique per feed: a feed closing must not take viewers out of its successor's group.
        _group = $"live-session.{sessionId}.{Guid.NewGuid():N}";
        Completion = Task.Run(RunAsync);
    }

    /// <summary>No viewer, no listener and no join on its way: the bridge may close the feed (it checks under its lock).</summary>
    public bool IsIdle => Volatile.Read(ref _members) == 0 && Volatile.Read(ref _pendingJoins) == 0;

    /// <summary>Called by the bridge under its lock before a join, so an idle check cannot miss the join.</summary>
    public void AnnounceJoin() => Interlocked.Increment(ref _pendingJoins);

    public Task Completion { get; }

    public string SessionId => _sessionId;

    public Task<LiveCatchUp?> JoinAsync(string connectionId, bool requireConsent)
    {
        var done = new TaskCompletionSource<LiveCatchUp?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new JoinRequest(connectionId, requireConsent, done));
        return done.Task;
    }

    /// <summary>Adds a comment listener; completes once comments published from now on reach it.</summary>
    public Task ListenAsync(string connectionId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new ListenRequest(connectionId, done));
        return done.Task;
    }

    public void Leave(string connectionId) => _work.Writer.TryWrite(new LeaveRequest(connectionId));

    public void StopListening(string connectionId) => _work.Writer.TryWrite(new StopListeningRequest(connectionId));

    public void Renew() => _work.Writer.TryWrite(Renewal.Instance);

    /// <summary>Stops the loop; the bridge calls this once the feed is empty and unlisted.</summary>
    public void Close() => _work.Writer.TryComplete();

    /// <summary>Raised from the loop after a leave left nobody; the bridge decides whether to close.</summary>
    public event Action<SessionFeed>? BecameEmpty;

    private ValueTask Enqueue(object message)
    {
        _work.Writer.TryWrite(message);
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                // Subscribed before the first join asks the grain for its catch-up, so no batch after it is missed.
                _subscription ??= await _bus.SubscribeAsync(LiveTopics.Session(_sessionId), Enqueue, CancellationToken.None);
                await HandleAsync(work);
            }
            catch (Exception ex)
            {
                // One failed send or grain call must not stop the stream for everyone else.
                LogFeedError(_logger, _sessionId, ex);
                await FailAsync(work, ex);
            }

            if (work is JoinRequest or ListenRequest)
            {
                // Only now, succeeded or not, may the feed count as idle again.
                Interlocked.Decrement(ref _pendingJoins);
                MembersChanged();
            }
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    private Task HandleAsync(object work) => work switch
    {
        JoinRequest join => JoinAsync(join),
        ListenRequest listen => ListenAsync(listen),
        LeaveRequest leave => LeaveAsync(leave.ConnectionId),
        StopListeningRequest stop => StopListeningAsync(stop.ConnectionId),
        Renewal => RenewAsync(),
        LiveBatchPublished batch => SendBatchAsync(batch.Seq, batch.EventsJson),
        LiveViewersChanged viewers => _hub.Clients.Clients([.. _viewers.Keys]).ViewersChanged(_sessionId, viewers.Viewers),
        LiveConsentChanged consent => ConsentChangedAsync(consent.Status),
        LiveCommentPublished comment => _hub.Clients.Clients([.. _viewers.Keys.Union(_listeners)]).CommentAdded(CommentResponse.From(comment.Comment)),
        _ => Task.CompletedTask,
    };

    private async Task FailAsync(object work, Exception exception)
    {
        switch (work)
        {
            case JoinRequest join:
                if (_viewers.Remove(join.ConnectionId, out var viewer) && viewer.InGroup)
                {
                    await _hub.Groups.RemoveFromGroupAsync(join.ConnectionId, _group);
                }

                join.Done.TrySetException(exception);
                break;
            case ListenRequest listen:
                _listeners.Remove(listen.ConnectionId);
                listen.Done.TrySetException(exception);
                break;
        }
    }

    private async Task JoinAsync(JoinRequest join)
    {
        _requireConsent = join.RequireConsent;
        if (_viewers.TryGetValue(join.ConnectionId, out var previous) && previous.InGroup)
        {
            // A re-watch (resync) starts over from a new catch-up.
            await _hub.Groups.RemoveFromGroupAsync(join.ConnectionId, _group);
        }

        _viewers[join.ConnectionId] = new FeedViewer();
        var catchUp = await _grain.WatchAsync(Lease());
        if (catchUp is null)
        {
            _viewers.Remove(join.ConnectionId);
            join.Done.TrySetResult(null);
            return;
        }

        await StartStreamingIfAllowedAsync(join.ConnectionId, catchUp);
        join.Done.TrySetResult(catchUp);
    }

    private Task ListenAsync(ListenRequest listen)
    {
        _listeners.Add(listen.ConnectionId);
        listen.Done.TrySetResult();
        return Task.CompletedTask;
    }

    private async Task StartStreamingIfAllowedAsync(string connectionId, LiveCatchUp catchUp)
    {
        var viewer = _viewers[connectionId];
        viewer.Streaming = catchUp.Status == WatchStatus.Streaming;
        if (viewer.Streaming)
        {
            viewer.NextSeq = catchUp.Seq + 1;
            await _hub.Clients.Client(connectionId).SessionEvents(_sessionId, new LiveBatchMessage(catchUp.Seq, new RawJsonArray(catchUp.EventsJson)));
        }
    }

    private async Task LeaveAsync(string connectionId)
    {
        if (!_viewers.Remove(connectionId, out var viewer))
        {
            return;
        }

        if (viewer.InGroup)
        {
            await _hub.Groups.RemoveFromGroupAsync(connectionId, _group);
        }

        await _grain.SetViewersAsync(Lease());
        MembersChanged();
    }

    private Task StopListeningAsync(string connectionId)
    {
        if (_listeners.Remove(connectionId))
        {
            MembersChanged();
        }

        return Task.CompletedTask;
    }

    private void UpdateMembers() => Volatile.Write(ref _members, _viewers.Count + _listeners.Count);

    private void MembersChanged()
    {
        UpdateMembers();
        if (IsIdle)
        {
            BecameEmpty?.Invoke(this);
        }
    }

    private Task RenewAsync() => _viewers.Count == 0 ? Task.CompletedTask : _grain.SetViewersAsync(Lease());

    /// <summary>
    /// One message per ingest batch. Viewers in the session's group get it with one group send (serialized
    /// once, without scanning every connection of the node); a viewer whose catch-up ended just before this
    /// batch gets it on its own and then joins the group; a viewer whose catch-up already holds it is skipped.
    /// </summary>
    private async Task SendBatchAsync(long seq, ReadOnlyMemory<byte> eventsJson)
    {
        var message = new LiveBatchMessage(seq, new RawJsonArray(eventsJson));
        if (_viewers.Values.Any(viewer => viewer.InGroup))
        {
            await _hub.Clients.Group(_group).SessionEvents(_sessionId, message);
        }

        foreach (var (connectionId, viewer) in _viewers)
        {
            if (!viewer.InGroup && viewer.Streaming && seq >= viewer.NextSeq)
            {
                await _hub.Clients.Client(connectionId).SessionEvents(_sessionId, message);
                await _hub.Groups.AddToGroupAsync(connectionId, _group);
                viewer.InGroup = true;
            }
        }
    }

    private async Task ConsentChangedAsync(WatchStatus status)
    {
        var waiting = _viewers.Where(v => !v.Value.Streaming).Select(v => v.Key).ToList();
        await _hub.Clients.Clients(waiting).ConsentChanged(_sessionId, WatchStatusNames.Of(status));
        if (status == WatchStatus.Streaming && waiting.Count > 0 && await _grain.WatchAsync(Lease()) is { } catchUp)
        {
            foreach (var connectionId in waiting)
            {
                await StartStreamingIfAllowedAsync(connectionId, catchUp);
            }
        }
    }

    private ViewerLease Lease() => new(_nodeId, _viewers.Count, _requireConsent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed of session {SessionId} failed to deliver a message")]
    private static partial void LogFeedError(ILogger logger, string sessionId, Exception exception);

    private sealed record JoinRequest(string ConnectionId, bool RequireConsent, TaskCompletionSource<LiveCatchUp?> Done);

    private sealed record ListenRequest(string ConnectionId, TaskCompletionSource Done);

    private sealed record LeaveRequest(string ConnectionId);

    private sealed record StopListeningRequest(string ConnectionId);

    private sealed record Renewal
    {
        public static readonly Renewal Instance = new();
    }
}
