namespace SessionKit.Silo.Tests.Runtime.TestGrains;

/// <summary>
/// Records how many turns of one grain were ever in progress at once. Each turn yields in the
/// middle, so overlapping turns would be seen if the runtime allowed them.
/// </summary>
public sealed class ExclusivityMonitor
{
    private int _inside;
    private int _max;

    public int MaxConcurrency => Volatile.Read(ref _max);

    public async Task TurnAsync()
    {
        var inside = Interlocked.Increment(ref _inside);
        InterlockedMax(inside);
        await Task.Yield();
        await Task.Delay(1);
        Interlocked.Decrement(ref _inside);
    }

    private void InterlockedMax(int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value, current) != current)
        {
        }
    }
}
