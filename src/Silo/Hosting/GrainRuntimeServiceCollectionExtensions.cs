using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the in-process grain runtime: <see cref="IGrainFactory"/>, <see cref="IGrainRuntimeDiagnostics"/>,
    /// and a hosted service that deactivates idle grains and, on shutdown, deactivates every grain.
    /// Options come from the <see cref="GrainRuntimeOptions.SectionName"/> configuration section.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(GrainDirectory)))
        {
            return services;
        }

        services.AddOptions<GrainRuntimeOptions>()
            .BindConfiguration(GrainRuntimeOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => options.IdleTimeout > TimeSpan.Zero, "IdleTimeout must be positive.")
            .Validate(options => options.IdleScanInterval > TimeSpan.Zero, "IdleScanInterval must be positive.")
            .Validate(options => options.MailboxFullTimeout > TimeSpan.Zero, "MailboxFullTimeout must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NodeIdentity>();
        services.AddSingleton<GrainInterfaceCatalog>();
        services.AddSingleton<GrainClassRegistry>();
        services.AddSingleton<GrainDirectory>();
        services.AddSingleton<IGrainRuntimeDiagnostics>(provider => provider.GetRequiredService<GrainDirectory>());
        services.AddSingleton<LocalGrainTransport>();
        // Cluster mode replaces this with a transport between nodes; its consumers hand to the local one.
        services.TryAddSingleton<IGrainTransport>(provider => provider.GetRequiredService<LocalGrainTransport>());
        services.AddSingleton<IGrainFactory, GrainFactory>();
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }

    /// <summary>Lets this host activate <typeparamref name="TGrain"/> for calls to <typeparamref name="TGrainInterface"/>.</summary>
    public static IServiceCollection AddGrain<TGrainInterface, TGrain>(this IServiceCollection services)
        where TGrainInterface : class, IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return services;
    }
}
