using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<int> AddToCounterAsync(string counterKey, int amount) =>
        Grains.Get<ICounterGrain>(counterKey).AddAsync(amount);
}
