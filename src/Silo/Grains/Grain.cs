namespace SessionKit.Silo.Grains;

/// <summary>
/// Base class of grain implementations. The runtime creates one instance per activation,
/// binds it to its key, and calls it one message at a time, so grain code needs no locks.
/// </summary>
public abstract class Grain
{
    private IGrainActivationContext? _context;

    /// <summary>The key this activation was created for.</summary>
    protected string Key => Context.Key;

    /// <summary>References to other grains; grain-to-grain calls go through these too.</summary>
    protected IGrainFactory Grains => Context.Grains;

    private IGrainActivationContext Context =>
        _context ?? throw new InvalidOperationException("The grain is not bound to an activation yet.");

    internal void Bind(IGrainActivationContext context) => _context = context;

    /// <summary>Runs before the first message: load state from storage here.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation goes away: persist state here.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="callback"/> through the mailbox (never concurrently with a message)
    /// after <paramref name="dueTime"/> and then every <paramref name="period"/>. A timer tick does
    /// not count as activity, so timers never keep an idle grain alive. Dispose to stop.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>A turn of this grain's own for <paramref name="work"/>, run once soon after each <see cref="FollowUpTurn.Request"/>.</summary>
    protected FollowUpTurn FollowUp(Func<CancellationToken, Task> work) =>
        new(work, callback => RegisterTimer(callback, TimeSpan.Zero, Timeout.InfiniteTimeSpan));
}

/// <summary>What the runtime gives a grain instance; implemented by the runtime's activation.</summary>
internal interface IGrainActivationContext
{
    string Key { get; }
    IGrainFactory Grains { get; }
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);
}
