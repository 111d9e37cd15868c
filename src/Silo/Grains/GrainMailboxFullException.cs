namespace SessionKit.Silo.Grains;

/// <summary>Thrown to a caller whose message waited too long for room in a grain's bounded mailbox.</summary>
public sealed class GrainMailboxFullException(string grainType, string key, TimeSpan waited)
    : ServiceUnavailableException(
        $"The mailbox of grain {grainType}/{key} stayed full for {waited.TotalMilliseconds:0} ms; the caller should back off and retry.",
        RetryDelay)
{
    // The caller already waited the full timeout; a short pause lets the mailbox drain without
    // making a well-behaved client (the SDK honours Retry-After) wait long.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public string GrainType { get; } = grainType;
    public string Key { get; } = key;
}
