namespace SessionKit.Silo.Grains;

/// <summary>Thrown to a caller whose message waited too long for room in a grain's bounded mailbox.</summary>
public sealed class GrainMailboxFullException(string grainType, string key, TimeSpan waited)
    : Exception($"The mailbox of grain {grainType}/{key} stayed full for {waited.TotalMilliseconds:0} ms; the caller should back off and retry.")
{
    public string GrainType { get; } = grainType;
    public string Key { get; } = key;
}
