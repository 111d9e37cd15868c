using System.Collections.Concurrent;

namespace SessionKit.Silo.Runtime;

/// <summary>
/// Compiles each grain contract once. Any contract can be described, registered here or not:
/// a caller may reference grains that live on another host.
/// </summary>
internal sealed class GrainInterfaceCatalog
{
    private readonly ConcurrentDictionary<Type, GrainInterface> _interfaces = new();

    public GrainInterface Get(Type grainInterface) =>
        _interfaces.GetOrAdd(grainInterface, static type => GrainInterface.Describe(type));
}
