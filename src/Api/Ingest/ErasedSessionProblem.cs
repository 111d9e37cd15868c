using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Ingest;

/// <summary>
/// The answer for a session id that was erased (a person's erasure): 410, so an SDK still holding queued
/// batches of it drops them instead of resending, and nothing of it is stored again.
/// </summary>
public static class ErasedSessionProblem
{
    /// <summary>410 when the session was erased; null otherwise. Asked only off the hot path (starts and unknown sessions).</summary>
    public static async Task<ProblemHttpResult?> IfErasedAsync(ISessionErasureStore erasure, string sessionId, CancellationToken cancellationToken) =>
        await erasure.IsErasedAsync(sessionId, cancellationToken)
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "Session erased",
                detail: $"Session '{sessionId}' was erased with its person's data and cannot record again. Drop its queued batches and start a new session.")
            : null;
}
