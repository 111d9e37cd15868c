using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>
/// Runs an evaluator over a session's stored events (chunks and pending batches, in arrival order, large strings
/// put back), one segment in memory at a time: the same stream the live evaluation saw, so the same signals.
/// </summary>
public static class StoredEvaluation
{
    public static async Task<List<Signal>> EvaluateAsync(
        ISessionStore store, string sessionId, SignalEvaluator evaluator, CancellationToken cancellationToken)
    {
        var raised = new List<Signal>();
        var blobs = new SessionBlobReader(store, sessionId);
        await foreach (var segment in store.ReadSegmentsAsync(sessionId, cancellationToken))
        {
            await using var events = await SegmentCodec.OpenReadAsync(segment, blobs, cancellationToken);
            using var buffer = new MemoryStream();
            await events.CopyToAsync(buffer, cancellationToken);
            evaluator.Feed(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), raised);
        }

        return raised;
    }
}
