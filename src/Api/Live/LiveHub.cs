using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Live;

/// <summary>
/// The live hub. It holds no state: watches go to the node's <see cref="LiveBridge"/>. Connecting needs
/// no sign-in, but every watch call checks, there and then, that the caller may read the project.
/// </summary>
[AllowAnonymous]
internal sealed class LiveHub(LiveBridge bridge, LiveAccess access, ISessionStore sessions, IProjectStore projects) : Hub<ILiveClient>
{
    public async Task<WatchSessionResult> WatchSession(string sessionId)
    {
        // Refuse strangers before looking anything up, so they cannot probe which sessions exist.
        EnsureCanRead(projectId: null);
        var session = await sessions.GetSessionAsync(sessionId, Context.ConnectionAborted)
            ?? throw new HubException($"Unknown session '{sessionId}'.");
        EnsureCanRead(session.ProjectId);
        var project = await projects.GetProjectAsync(session.ProjectId, Context.ConnectionAborted);
        var joined = await bridge.WatchSessionAsync(Context.ConnectionId, sessionId, project?.RequireLiveConsent ?? false)
            ?? throw new HubException($"Unknown session '{sessionId}'.");
        return new WatchSessionResult(sessionId, session.ProjectId, WatchStatusNames.Of(joined.Status), joined.Viewers);
    }

    public void UnwatchSession(string sessionId) => bridge.UnwatchSession(Context.ConnectionId, sessionId);

    /// <summary>New comments of the session (CommentAdded), without watching it: for replays, not counted as a viewer.</summary>
    public async Task WatchComments(string sessionId)
    {
        EnsureCanRead(projectId: null);
        var session = await sessions.GetSessionAsync(sessionId, Context.ConnectionAborted)
            ?? throw new HubException($"Unknown session '{sessionId}'.");
        EnsureCanRead(session.ProjectId);
        await bridge.WatchCommentsAsync(Context.ConnectionId, sessionId);
    }

    public void UnwatchComments(string sessionId) => bridge.UnwatchComments(Context.ConnectionId, sessionId);

    public async Task WatchProject(string projectId)
    {
        EnsureCanRead(projectId);
        if (await projects.GetProjectAsync(projectId, Context.ConnectionAborted) is null)
        {
            throw new HubException($"Unknown project '{projectId}'.");
        }

        await bridge.WatchProjectAsync(Context.ConnectionId, projectId);
    }

    public void UnwatchProject(string projectId) => bridge.UnwatchProject(Context.ConnectionId, projectId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        bridge.Disconnected(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Throws unless the caller may read <paramref name="projectId"/> (with null: any project at all).</summary>
    private void EnsureCanRead(string? projectId)
    {
        if (Context.User is null || !access.CanReadProject(Context.User, projectId))
        {
            throw new HubException("Not allowed: sign in as an administrator (dashboard login, or access_token) to watch this project.");
        }
    }
}
