using System.Reflection;
using SessionKit.Silo.Grains;

namespace SessionKit.Silo.Runtime;

internal sealed class GrainFactory(GrainInterfaceCatalog catalog, IGrainTransport transport) : IGrainFactory
{
    public TGrain Get<TGrain>(string key) where TGrain : class, IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var grainInterface = catalog.Get(typeof(TGrain));
        var reference = DispatchProxy.Create<TGrain, GrainReference>();
        ((GrainReference)(object)reference).Bind(grainInterface, key, transport);
        return reference;
    }
}
