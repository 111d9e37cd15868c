namespace SessionKit.Silo.Grains;

/// <summary>
/// Work a grain does in a turn of its own, right after the turn that asked for it: for what a message's answer
/// need not wait for. Asked for again before it ran, it still runs once; the work covers everything asked of it
/// up to then. Made with <see cref="Grain.FollowUp"/>.
/// </summary>
public sealed class FollowUpTurn
{
    private readonly Func<CancellationToken, Task> _work;
    private readonly Func<Func<CancellationToken, Task>, IDisposable> _register;
    private IDisposable? _timer;

    internal FollowUpTurn(Func<CancellationToken, Task> work, Func<Func<CancellationToken, Task>, IDisposable> register) =>
        (_work, _register) = (work, register);

    public void Request() => _timer ??= _register(RunAsync);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _work(cancellationToken);
        }
        finally
        {
            // Disposed only now: disposing a timer cancels the token its running callback holds.
            _timer?.Dispose();
            _timer = null;
        }
    }
}
