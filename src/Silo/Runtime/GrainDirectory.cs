using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// The activations of this host by grain id. It creates at most one activation per id; an
/// activation removes itself once it has deactivated, and only then may the next one start.
/// </summary>
internal sealed class GrainDirectory : IGrainRuntimeDiagnostics
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly Lock _createGate = new();
    private readonly GrainClassRegistry _classes;
    private readonly GrainActivationServices _services;
    private readonly ILogger<GrainDirectory> _logger;
    private bool _stopping;

    public GrainDirectory(
        GrainClassRegistry classes,
        IServiceScopeFactory scopes,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider time,
        ILogger<GrainActivation> activationLogger,
        ILogger<GrainDirectory> logger)
    {
        _classes = classes;
        _services = new GrainActivationServices(scopes, options.Value, time, activationLogger);
        _logger = logger;
    }

    public int ActivationCount => _activations.Count;

    public bool IsStopping => Volatile.Read(ref _stopping);

    /// <summary>The current activation of <paramref name="id"/>, started now if there is none.</summary>
    public GrainActivation GetOrActivate(GrainId id)
    {
        if (_activations.TryGetValue(id, out var activation))
        {
            return activation;
        }

        var grainClass = _classes.Get(id.Interface);
        lock (_createGate)
        {
            if (_activations.TryGetValue(id, out activation))
            {
                return activation;
            }

            // Checked under the lock DeactivateAllAsync takes, so no activation escapes the shutdown.
            if (_stopping)
            {
                throw new GrainRuntimeStoppingException(id.TypeName, id.Key);
            }

            activation = new GrainActivation(id, grainClass, this, _services);
            _activations[id] = activation;
        }

        activation.Start();
        return activation;
    }

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));

    /// <summary>Asks every activation idle for longer than the idle timeout to deactivate.</summary>
    public void RequestIdleChecks()
    {
        foreach (var (_, activation) in _activations)
        {
            activation.RequestIdleCheck();
        }
    }

    /// <summary>
    /// Lets the activations <paramref name="match"/> selects finish their queues, persist and leave; later
    /// messages activate them again. A cluster node does this for the grains of a partition it hands to
    /// another node, so that the other node loads state this one has written.
    /// </summary>
    public Task DeactivateWhereAsync(Func<GrainId, bool> match, CancellationToken cancellationToken)
    {
        var activations = _activations.Values.Where(activation => match(activation.Id)).ToList();
        return Task.WhenAll(activations.Select(activation => activation.DeactivateAsync(cancellationToken)));
    }

    /// <summary>Refuses new activations, then lets every activation finish its queue and persist.</summary>
    public Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        lock (_createGate)
        {
            Volatile.Write(ref _stopping, true);
        }

        var activations = _activations.Values;
        _logger.DeactivatingAll(activations.Count);
        return Task.WhenAll(activations.Select(activation => activation.DeactivateAsync(cancellationToken)));
    }
}
