namespace SessionKit.Api.Live;

/// <summary>Where one viewer of a <see cref="SessionFeed"/> stands in the session's stream.</summary>
internal sealed class FeedViewer
{
    public bool Streaming { get; set; }

    /// <summary>The first seq this viewer needs after its catch-up.</summary>
    public long NextSeq { get; set; } = long.MaxValue;

    /// <summary>Receives batches through the session's group (after its first batch past the catch-up).</summary>
    public bool InGroup { get; set; }
}
