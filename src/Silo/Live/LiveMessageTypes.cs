using System.Collections.Frozen;

namespace SessionKit.Silo.Live;

/// <summary>Recorded in DI for each record type that travels on the live bus (see <see cref="LiveMessageTypes"/>).</summary>
public sealed record LiveMessageType(Type Type);

/// <summary>
/// The record types a live bus between nodes may carry, by name: a message from the broker is read only
/// as one of these, never as a type the wire names freely.
/// </summary>
public sealed class LiveMessageTypes(IEnumerable<LiveMessageType> registered)
{
    private readonly FrozenDictionary<string, Type> _byName =
        registered.Select(r => r.Type).Distinct().ToFrozenDictionary(NameOf, StringComparer.Ordinal);

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public Type? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name);
}
