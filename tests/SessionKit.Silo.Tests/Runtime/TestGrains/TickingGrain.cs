using SessionKit.Silo.Grains;
using SessionKit.Silo.Tests.Runtime.Support;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

public sealed class TickingGrain(GrainProbe probe) : Grain, ITickingGrain
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(5);

    private readonly ExclusivityMonitor _monitor = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterTimer(TickAsync, Period, Period);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        probe.Record(nameof(GrainProbe.Deactivated), Key);
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task TurnAsync() => _monitor.TurnAsync();

    public Task<int> GetMaxConcurrencyAsync() => Task.FromResult(_monitor.MaxConcurrency);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        probe.RecordTick(Key, cancellationToken);
        await _monitor.TurnAsync();
    }
}
