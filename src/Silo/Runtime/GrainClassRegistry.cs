using System.Collections.Frozen;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// The grain classes this host can activate, by contract. Built when the runtime starts, so a
/// malformed contract or a duplicate registration fails the start rather than the first call.
/// </summary>
internal sealed class GrainClassRegistry
{
    private readonly FrozenDictionary<Type, GrainClass> _classes;
    private readonly FrozenDictionary<string, GrainInterface> _contracts;

    public GrainClassRegistry(IEnumerable<GrainRegistration> registrations, GrainInterfaceCatalog catalog)
    {
        var classes = new Dictionary<Type, GrainClass>();
        foreach (var registration in registrations.Distinct())
        {
            if (classes.TryGetValue(registration.Interface, out var existing))
            {
                throw new InvalidOperationException(
                    $"Grain contract {registration.Interface.FullName} is registered twice: to {existing.Type.FullName} and {registration.Class.FullName}.");
            }

            catalog.Get(registration.Interface);
            classes.Add(registration.Interface, new GrainClass(registration.Class));
        }

        _classes = classes.ToFrozenDictionary();
        _contracts = classes.Keys.Select(catalog.Get).ToFrozenDictionary(contract => contract.Name, StringComparer.Ordinal);
    }

    /// <summary>A contract this host serves, by the name messages from other nodes carry; null when it serves none by that name.</summary>
    public GrainInterface? FindContract(string name) => _contracts.GetValueOrDefault(name);

    public GrainClass Get(Type grainInterface) =>
        _classes.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException(
                $"No grain class is registered for {grainInterface.FullName}; register one with services.AddGrain<{grainInterface.Name}, TGrain>().");
}
