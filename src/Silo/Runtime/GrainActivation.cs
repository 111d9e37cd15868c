using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// One live instance of a grain: a mailbox and a single loop that activates the grain, runs what
/// arrives one item at a time in arrival order, and deactivates it. The grain object never leaves
/// this class; the rest of the runtime only posts messages to it.
/// </summary>
internal sealed class GrainActivation : IGrainActivationContext
{
    private readonly GrainClass _grainClass;
    private readonly GrainDirectory _directory;
    private readonly GrainActivationServices _services;
    private readonly GrainMailbox _mailbox;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrainTimers? _timers;
    private GrainActivity _activity;
    private int _idleCheckQueued;
    private CancellationToken _shutdownToken;

    // Owned by the loop.
    private AsyncServiceScope? _scope;
    private IGrainFactory? _grains;
    private bool _persisted;

    public GrainActivation(GrainId id, GrainClass grainClass, GrainDirectory directory, GrainActivationServices services)
    {
        Id = id;
        _grainClass = grainClass;
        _directory = directory;
        _services = services;
        _mailbox = new GrainMailbox(id, services.Options, services.Time);
        _activity = new GrainActivity(services.Time.GetTimestamp());
    }

    public GrainId Id { get; }

    /// <summary>Completes when the activation has deactivated and left the directory.</summary>
    public Task Completion => _completion.Task;

    string IGrainActivationContext.Key => Id.Key;

    IGrainFactory IGrainActivationContext.Grains =>
        _grains ?? throw new InvalidOperationException("The activation is not running.");

    public void Start()
    {
        // The loop outlives the first caller; it must not carry that caller's async-local context.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <inheritdoc cref="GrainMailbox.PostAsync"/>
    public ValueTask<bool> PostAsync(GrainRequest message) => _mailbox.PostAsync(message);

    /// <summary>Called by the idle scan; queues a check that deactivates the grain if it is still idle then.</summary>
    public void RequestIdleCheck()
    {
        if (!_activity.ScanIsIdle(_services.Time, _services.Options.IdleTimeout) || Interlocked.Exchange(ref _idleCheckQueued, 1) == 1)
        {
            return;
        }

        if (!_mailbox.TryPostSignal(IdleCheck.Instance))
        {
            Volatile.Write(ref _idleCheckQueued, 0);
        }
    }

    /// <summary>Stops taking messages, runs those already queued, then deactivates the grain.</summary>
    public Task DeactivateAsync(CancellationToken cancellationToken)
    {
        _shutdownToken = cancellationToken;
        _mailbox.Close();
        return Completion.WaitAsync(cancellationToken);
    }

    IDisposable IGrainActivationContext.RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback);
        var timers = Volatile.Read(ref _timers);
        if (timers is null)
        {
            var created = new GrainTimers();
            timers = Interlocked.CompareExchange(ref _timers, created, null) ?? created;
        }

        if (!timers.TryAdd(timer))
        {
            throw new InvalidOperationException($"Grain {Id} is deactivating and cannot register timers.");
        }

        timer.Start(_services.Time, dueTime, period);
        return timer;
    }

    internal bool TryPostTick(GrainTimer timer) => _mailbox.TryPostSignal(timer);

    internal void Forget(GrainTimer timer) => Volatile.Read(ref _timers)?.Remove(timer);

    private async Task RunAsync()
    {
        Grain grain;
        try
        {
            grain = await ActivateAsync();
        }
        catch (Exception exception)
        {
            // Nothing was loaded, so a new activation may start at once; queued calls get this failure.
            _services.Logger.ActivationFailed(Id.TypeName, Id.Key, exception);
            await FailRemainingAsync(exception);
            await ReleaseAsync();
            return;
        }

        MailboxItem? current = null;
        try
        {
            while (await _mailbox.WaitToReadAsync())
            {
                while (_mailbox.TryRead(out current))
                {
                    await ProcessAsync(current, grain);
                }
            }

            if (!_persisted && await TryPersistAsync(grain, _shutdownToken))
            {
                _services.Logger.Deactivated(Id.TypeName, Id.Key, "shutdown");
            }
        }
        catch (Exception exception)
        {
            // Items handle their own failures, so this is a runtime bug; still, no caller may hang.
            _services.Logger.LoopFailed(Id.TypeName, Id.Key, exception);
            (current as GrainRequest)?.Fail(exception);
            await FailRemainingAsync(exception);
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    private async Task<Grain> ActivateAsync()
    {
        _scope = _services.Scopes.CreateAsyncScope();
        var services = _scope.Value.ServiceProvider;
        _grains = services.GetRequiredService<IGrainFactory>();
        var grain = _grainClass.Create(services);
        grain.Bind(this);
        await grain.OnActivateAsync(CancellationToken.None);
        _services.Logger.Activated(Id.TypeName, Id.Key);
        return grain;
    }

    private ValueTask ProcessAsync(MailboxItem item, Grain grain)
    {
        if (item is not GrainRequest request)
        {
            return ProcessSignalAsync(item, grain);
        }

        // The common case, a message whose method finished synchronously, without a state machine.
        var running = request.RunAsync(grain);
        if (!running.IsCompletedSuccessfully)
        {
            return FinishAsync(running);
        }

        _activity.MarkActive();
        return ValueTask.CompletedTask;

        async ValueTask FinishAsync(ValueTask running)
        {
            await running;
            _activity.MarkActive();
        }
    }

    private async ValueTask ProcessSignalAsync(MailboxItem signal, Grain grain)
    {
        switch (signal)
        {
            case GrainTimer timer when !_mailbox.IsClosed:
                await RunTimerAsync(timer);
                break;
            case IdleCheck:
                await DeactivateIfIdleAsync(grain);
                break;
            default:
                // A tick that arrived before the mailbox closed; timers are over.
                break;
        }
    }

    /// <summary>Leaves the directory at once and fails every call still queued or on its way.</summary>
    private async Task FailRemainingAsync(Exception exception)
    {
        _mailbox.Close(whenClosed: () => _directory.Remove(this));
        while (await _mailbox.WaitToReadAsync())
        {
            while (_mailbox.TryRead(out var item))
            {
                (item as GrainRequest)?.Fail(exception);
            }
        }
    }

    private async Task RunTimerAsync(GrainTimer timer)
    {
        try
        {
            await timer.RunAsync();
        }
        catch (Exception exception)
        {
            _services.Logger.TimerFailed(Id.TypeName, Id.Key, exception);
        }
    }

    private async Task DeactivateIfIdleAsync(Grain grain)
    {
        try
        {
            if (_mailbox.IsClosed
                || _mailbox.HasMessages
                || !_activity.IsIdle(_services.Time, _services.Options.IdleTimeout)
                || !await TryPersistAsync(grain, CancellationToken.None))
            {
                return;
            }

            // Messages that arrived while the state was being persisted win: the activation stays
            // (its persisted state is still current) and serves them in order. Leaving the directory
            // only now means no new activation can load state before it was persisted, and doing it
            // with the close means a sender turned away finds the successor slot already free.
            if (!_mailbox.TryCloseIfEmpty(whenClosed: () => _directory.Remove(this)))
            {
                _services.Logger.DeactivationCancelled(Id.TypeName, Id.Key);
                return;
            }

            _persisted = true;
            _services.Logger.Deactivated(Id.TypeName, Id.Key, "idle");
        }
        finally
        {
            Volatile.Write(ref _idleCheckQueued, 0);
        }
    }

    private async Task<bool> TryPersistAsync(Grain grain, CancellationToken cancellationToken)
    {
        try
        {
            await grain.OnDeactivateAsync(cancellationToken);
            return true;
        }
        catch (Exception exception)
        {
            _services.Logger.DeactivationFailed(Id.TypeName, Id.Key, exception);
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        CloseTimers();
        _directory.Remove(this);
        try
        {
            if (_scope is { } scope)
            {
                // A reference may keep this activation as its cache until its next call: keep nothing heavy.
                _scope = null;
                _grains = null;
                await scope.DisposeAsync();
            }
        }
        catch (Exception exception)
        {
            _services.Logger.LoopFailed(Id.TypeName, Id.Key, exception);
        }

        _completion.TrySetResult();
    }

    private void CloseTimers() => (Interlocked.CompareExchange(ref _timers, GrainTimers.Closed, null) ?? GrainTimers.Closed).Close();
}
