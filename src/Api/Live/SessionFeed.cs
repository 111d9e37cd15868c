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
/// </summary>
internal sealed partial class SessionFeed
{
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new() { SingleReader = true });
    private readonly Dictionary<string, Viewer> _viewers = new(StringComparer.Ordinal);
    private readonly string _sessionId;
    private readonly ISessionGrain _grain;
    private readonly IHubContext<LiveHub, ILiveClient> _hub;
    private readonly string _nodeId;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;
    private readonly string _group;
    private bool _requireConsent;

    public SessionFeed(string sessionId, ISessionGrain grain, ILiveBus bus, IHubContext<LiveHub, ILiveClient> hub, string nodeId, ILogger logger)
    {
        (_sessionId, _grain, _hub, _nodeId, _logger) = (sessionId, grain, hub, nodeId, logger);
        _group = "live-session." + sessionId;
        _subscription = bus.Subscribe(LiveTopics.Session(sessionId), message => Enqueue(message));
        Completion = Task.Run(RunAsync);
    }

    private int _pendingJoins;
    private int _viewerCount;

    /// <summary>No viewer and no join on its way: the bridge may close the feed (it checks under its lock).</summary>
    public bool IsIdle => Volatile.Read(ref _viewerCount) == 0 && Volatile.Read(ref _pendingJoins) == 0;

    /// <summary>Called by the bridge under its lock before <see cref="JoinAsync"/>, so an idle check cannot miss the join.</summary>
    public void AnnounceJoin() => Interlocked.Increment(ref _pendingJoins);

    public Task Completion { get; }

    public string SessionId => _sessionId;

    public Task<LiveCatchUp?> JoinAsync(string connectionId, bool requireConsent)
    {
        var done = new TaskCompletionSource<LiveCatchUp?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new JoinRequest(connectionId, requireConsent, done));
        return done.Task;
    }

    public void Leave(string connectionId) => Enqueue(new LeaveRequest(connectionId));

    public void Renew() => Enqueue(Renewal.Instance);

    /// <summary>Stops the loop; the bridge calls this once the feed is empty and unlisted.</summary>
    public void Close()
    {
        _subscription.Dispose();
        _work.Writer.TryComplete();
    }

    /// <summary>Raised from the loop after a leave left no viewers; the bridge decides whether to close.</summary>
    public event Action<SessionFeed>? BecameEmpty;

    private ValueTask Enqueue(object work)
    {
        _work.Writer.TryWrite(work);
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                await HandleAsync(work);
            }
            catch (Exception ex)
            {
                // One failed send or grain call must not stop the stream for everyone else.
                LogFeedError(_logger, _sessionId, ex);
                if (work is JoinRequest failed)
                {
                    _viewers.Remove(failed.ConnectionId);
                    Volatile.Write(ref _viewerCount, _viewers.Count);
                    failed.Done.TrySetException(ex);
                }
            }
        }
    }

    private Task HandleAsync(object work) => work switch
    {
        JoinRequest join => JoinAsync(join),
        LeaveRequest leave => LeaveAsync(leave.ConnectionId),
        Renewal => RenewAsync(),
        LiveBatchPublished batch => SendBatchAsync(batch.Seq, batch.EventsJson),
        LiveViewersChanged viewers => _hub.Clients.Clients([.. _viewers.Keys]).ViewersChanged(_sessionId, viewers.Viewers),
        LiveConsentChanged consent => ConsentChangedAsync(consent.Status),
        LiveCommentPublished comment => _hub.Clients.Clients(Streaming()).CommentAdded(CommentResponse.From(comment.Comment)),
        _ => Task.CompletedTask,
    };

    private async Task JoinAsync(JoinRequest join)
    {
        _requireConsent = join.RequireConsent;
        if (_viewers.TryGetValue(join.ConnectionId, out var previous) && previous.InGroup)
        {
            // A re-watch (resync) starts over from a new catch-up.
            await _hub.Groups.RemoveFromGroupAsync(join.ConnectionId, _group);
        }

        _viewers[join.ConnectionId] = new Viewer();
        Volatile.Write(ref _viewerCount, _viewers.Count);
        Interlocked.Decrement(ref _pendingJoins);
        var catchUp = await _grain.WatchAsync(Lease());
        if (catchUp is null)
        {
            await LeaveAsync(join.ConnectionId);
            join.Done.TrySetResult(null);
            return;
        }

        await StartStreamingIfAllowedAsync(join.ConnectionId, catchUp);
        join.Done.TrySetResult(catchUp);
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

        Volatile.Write(ref _viewerCount, _viewers.Count);
        await _grain.SetViewersAsync(Lease());
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
    private async Task SendBatchAsync(long seq, byte[] eventsJson)
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

    private List<string> Streaming() => _viewers.Where(v => v.Value.Streaming).Select(v => v.Key).ToList();

    private ViewerLease Lease() => new(_nodeId, _viewers.Count, _requireConsent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed of session {SessionId} failed to deliver a message")]
    private static partial void LogFeedError(ILogger logger, string sessionId, Exception exception);

    private sealed class Viewer
    {
        public bool Streaming { get; set; }

        /// <summary>The first seq this viewer needs after its catch-up.</summary>
        public long NextSeq { get; set; } = long.MaxValue;

        /// <summary>Receives batches through the session's group (after its first batch past the catch-up).</summary>
        public bool InGroup { get; set; }
    }

    private sealed record JoinRequest(string ConnectionId, bool RequireConsent, TaskCompletionSource<LiveCatchUp?> Done);

    private sealed record LeaveRequest(string ConnectionId);

    private sealed record Renewal
    {
        public static readonly Renewal Instance = new();
    }
}
