using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

/// <summary>Inherited by <see cref="ICounterGrain"/>, so references must dispatch methods of base contracts too.</summary>
public interface IReadableCounter : IGrainWithStringKey
{
    ValueTask<int> GetAsync();
}

/// <summary>A counter kept in memory and persisted only on deactivation.</summary>
public interface ICounterGrain : IReadableCounter
{
    Task<int> AddAsync(int amount);

    Task FailAsync(string message, bool synchronously);

    ValueTask ResetAsync();
}
