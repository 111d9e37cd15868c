using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Signals;

/// <summary>What every session's signal evaluation shares; session grains take it to make their <see cref="SessionSignals"/>.</summary>
public sealed class SignalServices(
    IOptions<SignalOptions> options, ISessionStore sessions, ISignalStore signals, IEnumerable<ISignalSink> sinks, ILogger<SessionSignals> logger)
{
    public SignalOptions Options { get; } = options.Value;

    public ISessionStore Sessions => sessions;

    public ISignalStore Signals => signals;

    public IReadOnlyList<ISignalSink> Sinks { get; } = [.. sinks];

    public ILogger Logger => logger;

    /// <summary>Permits for evaluating at once (<see cref="SignalOptions.ConcurrentEvaluations"/>); null: no limit.</summary>
    public SemaphoreSlim? Evaluations { get; } = options.Value.ConcurrentEvaluations > 0 ? new(options.Value.ConcurrentEvaluations) : null;

    public SessionSignals For(string sessionId) => new(sessionId, this);
}
