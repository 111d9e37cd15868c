namespace SessionKit.Silo.Tests.Runtime.Support;

/// <summary>Holds a counter grain inside AddAsync(0) until released, so its mailbox fills up behind it.</summary>
internal sealed class CounterGate
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CounterGate(GrainHooks hooks)
    {
        hooks.BeforeAdd = (_, amount) =>
        {
            if (amount != 0)
            {
                return Task.CompletedTask;
            }

            _held.TrySetResult();
            return _released.Task;
        };
    }

    public Task Held => _held.Task.Within();

    public void Release() => _released.TrySetResult();
}
