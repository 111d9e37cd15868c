using SessionKit.Silo.Grains;

namespace SessionKit.Bench.Grains;

/// <summary>The work of one message: add to a counter, answer the sum. Public: the runtime's reference proxies implement it.</summary>
public interface IBenchCounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);
}

/// <summary>As little state as a grain can have, so what is measured per grain is the runtime's own cost.</summary>
public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private int _value;

    public Task<int> AddAsync(int amount) => Task.FromResult(_value += amount);
}
