namespace SessionKit.Silo.Runtime;

/// <summary>
/// When an activation last served a message, kept without a clock read per message: each message
/// sets a flag, and the idle scan turns a set flag into "active until now". So the recorded time is
/// never earlier than the last message, and is at most one scan interval later.
/// </summary>
internal struct GrainActivity(long createdAt)
{
    private long _lastActive = createdAt;
    private int _activeSinceScan;

    /// <summary>Called by the activation's loop after each message.</summary>
    public void MarkActive()
    {
        if (_activeSinceScan == 0)
        {
            Volatile.Write(ref _activeSinceScan, 1);
        }
    }

    /// <summary>Called by the idle scan: whether no message came for <paramref name="timeout"/>; notes any since the last scan.</summary>
    public bool ScanIsIdle(TimeProvider time, TimeSpan timeout)
    {
        if (Volatile.Read(ref _activeSinceScan) == 1)
        {
            // A message processed after the flag was read is older than this timestamp too.
            Volatile.Write(ref _activeSinceScan, 0);
            Volatile.Write(ref _lastActive, time.GetTimestamp());
            return false;
        }

        return IsIdle(time, timeout);
    }

    /// <summary>Whether no message came for <paramref name="timeout"/>, as far as the last scan knows; any message since says no.</summary>
    public bool IsIdle(TimeProvider time, TimeSpan timeout) =>
        Volatile.Read(ref _activeSinceScan) == 0 && time.GetElapsedTime(Volatile.Read(ref _lastActive)) >= timeout;
}
