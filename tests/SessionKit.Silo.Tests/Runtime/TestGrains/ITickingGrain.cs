using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

/// <summary>Starts a fast timer on activation.</summary>
public interface ITickingGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task TurnAsync();

    Task<int> GetMaxConcurrencyAsync();
}
