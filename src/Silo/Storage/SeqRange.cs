namespace SessionKit.Silo.Storage;

/// <summary>Consecutive batch seqs [<paramref name="First"/>, <paramref name="Last"/>].</summary>
public readonly record struct SeqRange(long First, long Last)
{
    public bool Contains(long seq) => seq >= First && seq <= Last;
}
