using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

/// <summary>Asks for its follow-up turn twice in one message and logs what ran when.</summary>
public interface IFollowUpGrain : IGrainWithStringKey
{
    Task AskTwiceAsync();

    Task<IReadOnlyList<string>> GetLogAsync();
}
