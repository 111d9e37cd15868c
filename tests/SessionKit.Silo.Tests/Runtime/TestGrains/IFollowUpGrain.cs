using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

/// <summary>Asks for its follow-up turn twice in one message and logs what ran when.</summary>
public interface IFollowUpGrain : IGrainWithStringKey
{
    Task AskTwiceAsync();

    /// <summary>Waits <paramref name="delay"/> in its turn, then asks twice: late, when later messages may fill the mailbox.</summary>
    Task AskLateAsync(TimeSpan delay);

    Task<IReadOnlyList<string>> GetLogAsync();
}
