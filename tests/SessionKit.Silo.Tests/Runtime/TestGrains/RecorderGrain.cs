using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

public sealed class RecorderGrain : Grain, IRecorderGrain
{
    private readonly List<int> _recorded = [];
    private readonly ExclusivityMonitor _monitor = new();

    public Task RecordAsync(int value)
    {
        // List<T> is not thread-safe: overlapping turns could also corrupt it.
        _recorded.Add(value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> GetRecordedAsync() => Task.FromResult<IReadOnlyList<int>>([.. _recorded]);

    public Task TurnAsync() => _monitor.TurnAsync();

    public Task<int> GetMaxConcurrencyAsync() => Task.FromResult(_monitor.MaxConcurrency);
}
