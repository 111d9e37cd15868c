using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

/// <summary>Calls another grain, which it can only do through a reference.</summary>
public interface IRelayGrain : IGrainWithStringKey
{
    Task<int> AddToCounterAsync(string counterKey, int amount);
}
