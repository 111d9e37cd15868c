using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

public sealed class FollowUpGrain : Grain, IFollowUpGrain
{
    private readonly List<string> _log = [];
    private FollowUpTurn? _followUp;
    private int _asked;

    public async Task AskTwiceAsync()
    {
        var asked = AskTwice();
        // Still this turn: a follow-up running now would log before the message's end.
        await Task.Delay(20);
        _log.Add($"message {asked} ends");
    }

    public async Task AskLateAsync(TimeSpan delay)
    {
        await Task.Delay(delay);
        var asked = AskTwice();
        _log.Add($"message {asked} ends");
    }

    public Task<IReadOnlyList<string>> GetLogAsync() => Task.FromResult<IReadOnlyList<string>>([.. _log]);

    private int AskTwice()
    {
        _followUp ??= FollowUp(RunAsync);
        var asked = ++_asked;
        _followUp.Request();
        _followUp.Request();
        return asked;
    }

    private Task RunAsync(CancellationToken cancellationToken)
    {
        _log.Add($"follow-up after message {_asked}");
        return Task.CompletedTask;
    }
}
