using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

public interface IRecorderGrain : IGrainWithStringKey
{
    Task RecordAsync(int value);

    Task<IReadOnlyList<int>> GetRecordedAsync();

    Task TurnAsync();

    Task<int> GetMaxConcurrencyAsync();
}
