using SessionKit.Silo.Grains;
using SessionKit.Silo.Tests.Runtime.Support;

namespace SessionKit.Silo.Tests.Runtime.TestGrains;

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly InMemoryCounterStore _store;
    private readonly GrainProbe _probe;
    private readonly GrainHooks _hooks;
    private int _value;

    public CounterGrain(InMemoryCounterStore store, GrainProbe probe, GrainHooks hooks)
    {
        _store = store;
        _probe = probe;
        _hooks = hooks;
        // The key is not bound yet in a constructor, so constructions are counted per class.
        probe.Record(nameof(GrainProbe.Constructed), nameof(CounterGrain));
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _probe.Record(nameof(GrainProbe.ActivationsStarted), Key);
        await _hooks.BeforeActivate(Key);
        _value = _store.Get(Key) ?? 0;
        _probe.Record(nameof(GrainProbe.Activated), Key);
    }

    public override async Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        await _hooks.BeforeDeactivate(Key);
        _store.Save(Key, _value);
        _probe.Record(nameof(GrainProbe.Deactivated), Key);
    }

    public async Task<int> AddAsync(int amount)
    {
        await _hooks.BeforeAdd(Key, amount);
        _value += amount;
        return _value;
    }

    public ValueTask<int> GetAsync() => ValueTask.FromResult(_value);

    public Task FailAsync(string message, bool synchronously)
    {
        if (synchronously)
        {
            throw new InvalidOperationException(message);
        }

        return FailLaterAsync(message);
    }

    public ValueTask ResetAsync()
    {
        _value = 0;
        return ValueTask.CompletedTask;
    }

    private static async Task FailLaterAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }
}
