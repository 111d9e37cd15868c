using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

/// <summary>Creates instances of one grain class with constructor injection; the factory is built once.</summary>
internal sealed class GrainClass(Type type)
{
    private readonly ObjectFactory _factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);

    public Type Type { get; } = type;

    public Grain Create(IServiceProvider services) => (Grain)_factory(services, arguments: null);
}
