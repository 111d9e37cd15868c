using SessionKit.Api.Comments;
using SessionKit.Grains.Live;
using SessionKit.Grains.Signals;

namespace SessionKit.Api.Live;

/// <summary>A batch as viewers receive it: <see cref="Seq"/> numbers batches consecutively per session.</summary>
public sealed record LiveBatchMessage(long Seq, RawJsonArray Events);

public sealed record WatchSessionResult(string SessionId, string ProjectId, string Status, int ViewerCount);

/// <summary>
/// What the server calls on dashboard connections. The TypeScript side of this contract is
/// src/Dashboard/src/api/live-hub-contract.ts; change both together.
/// </summary>
public interface ILiveClient
{
    Task SessionEvents(string sessionId, LiveBatchMessage batch);

    Task SessionStarted(LiveSessionSummary session);

    Task SessionUpdated(LiveSessionSummary session);

    Task SessionEnded(LiveSessionSummary session);

    Task ViewersChanged(string sessionId, int viewerCount);

    Task ConsentChanged(string sessionId, string status);

    Task CommentAdded(CommentResponse comment);

    /// <summary>To the project's watchers: a frustration signal just raised in one of its sessions, with the session's new score.</summary>
    Task SignalRaised(LiveSignalRaised signal);
}
