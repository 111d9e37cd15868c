namespace SessionKit.Bench.Live;

/// <summary>What one viewer saw. Written by its receive loop, read once the run is over.</summary>
internal sealed class ViewerStats
{
    public long Messages { get; set; }

    public long Events { get; set; }

    /// <summary>Batches missing between consecutive SessionEvents (seq jumped by more than one).</summary>
    public long Gaps { get; set; }

    /// <summary>SessionEvents whose seq was not above the previous one.</summary>
    public long Duplicates { get; set; }

    public bool CatchUpHadSnapshot { get; set; }

    public long OtherMessages { get; set; }

    public long EchoesSkipped { get; set; }

    public long EchoErrors { get; set; }

    public string? ConnectionError { get; set; }
}
