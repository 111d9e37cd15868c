namespace SessionKit.Silo.Grains;

/// <summary>Hands out references to grains; callers never hold a grain object.</summary>
public interface IGrainFactory
{
    TGrain Get<TGrain>(string key) where TGrain : class, IGrainWithStringKey;
}
