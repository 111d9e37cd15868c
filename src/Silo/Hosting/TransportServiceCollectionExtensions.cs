using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SessionKit.Silo.Cluster;
using SessionKit.Silo.Cluster.Membership;
using SessionKit.Silo.Cluster.Messaging;
using SessionKit.Silo.Cluster.RabbitMq;
using SessionKit.Silo.Live;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Hosting;

public static class TransportServiceCollectionExtensions
{
    /// <summary>Health check tag of the checks that say whether this node can serve requests.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// How grain messages and live streams travel: in this process (the default), or, with
    /// SESSIONKIT_TRANSPORT=rabbitmq, between the nodes of a cluster over RabbitMQ (which needs the
    /// PostgreSQL storage, where the cluster keeps its membership).
    /// </summary>
    public static IServiceCollection AddSessionKitTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TransportOptions>()
            .BindConfiguration(TransportOptions.SectionName)
            .PostConfigure(options => ApplyVariables(options, configuration))
            .ValidateDataAnnotations()
            .Validate(options => options.UsesRabbitMq || string.Equals(options.Provider, "local", StringComparison.OrdinalIgnoreCase),
                $"{TransportOptions.ProviderVariable} must be 'local' or 'rabbitmq'.")
            .Validate(options => !options.UsesRabbitMq || Uri.TryCreate(options.RabbitMq, UriKind.Absolute, out _),
                $"With the rabbitmq transport, {TransportOptions.RabbitMqVariable} must be the broker's AMQP URI (amqp://user:pass@host:5672/).")
            .ValidateOnStart();
        services.TryAddSingleton<NodeIdentity>();
        services.AddHealthChecks();

        var transport = new TransportOptions();
        configuration.GetSection(TransportOptions.SectionName).Bind(transport);
        ApplyVariables(transport, configuration);
        if (!transport.UsesRabbitMq)
        {
            services.TryAddSingleton<IClusterStatusSource, LocalClusterStatus>();
            return services;
        }

        var storage = configuration[StorageServiceCollectionExtensions.ProviderVariable] is { Length: > 0 } variable
            ? variable
            : configuration[StorageServiceCollectionExtensions.ProviderKey];
        if (!string.Equals(storage?.Trim(), "postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The rabbitmq transport needs the PostgreSQL storage, where the cluster keeps its membership and state: set {StorageServiceCollectionExtensions.ProviderVariable}=postgres.");
        }

        return services.AddRabbitMqTransport();
    }

    private static IServiceCollection AddRabbitMqTransport(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>()
            .BindConfiguration(ClusterOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => options.HeartbeatInterval > TimeSpan.Zero && options.MemberTimeout > options.HeartbeatInterval,
                "Cluster:MemberTimeout must be longer than Cluster:HeartbeatInterval.")
            .Validate(options => options.CallTimeout > TimeSpan.Zero && options.ReconnectDelay > TimeSpan.Zero,
                "Cluster:CallTimeout and Cluster:ReconnectDelay must be positive.")
            .ValidateOnStart();

        services.AddSingleton<ClusterTopology>();
        services.AddSingleton<GrainMessageCodec>();
        services.AddSingleton<PendingCalls>();
        services.AddSingleton<PartitionOwnership>();
        services.AddSingleton<IClusterMembership, PostgresMembership>();
        services.AddSingleton<NodePresence>();
        services.AddSingleton<RabbitMqGrainTransport>();
        services.AddSingleton<RabbitMqLiveBus>();
        services.AddSingleton<PartitionConsumers>();
        services.AddSingleton<LiveMessageTypes>();
        services.Replace(ServiceDescriptor.Singleton<IGrainTransport>(provider => provider.GetRequiredService<RabbitMqGrainTransport>()));
        services.Replace(ServiceDescriptor.Singleton<ILiveBus>(provider => provider.GetRequiredService<RabbitMqLiveBus>()));

        // Set up on every connection in this order: replies first, so calls can be answered; partitions last.
        services.AddSingleton<IBrokerSession>(provider => provider.GetRequiredService<RabbitMqGrainTransport>());
        services.AddSingleton<IBrokerSession>(provider => provider.GetRequiredService<NodePresence>());
        services.AddSingleton<IBrokerSession>(provider => provider.GetRequiredService<RabbitMqLiveBus>());
        services.AddSingleton<IBrokerSession>(provider => provider.GetRequiredService<PartitionConsumers>());

        // Hosted services stop in reverse order: the balancer leaves the membership, then the partitions
        // finish and persist their grains, and only then does the connection close.
        services.AddSingleton<RabbitMqConnection>();
        services.AddHostedService(provider => provider.GetRequiredService<RabbitMqConnection>());
        services.AddHostedService(provider => provider.GetRequiredService<PartitionConsumers>());
        services.AddSingleton<PartitionBalancer>();
        services.AddHostedService(provider => provider.GetRequiredService<PartitionBalancer>());

        services.Replace(ServiceDescriptor.Singleton<IClusterStatusSource, RabbitMqClusterStatus>());
        services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker", tags: [ReadyTag]);
        return services;
    }

    private static void ApplyVariables(TransportOptions options, IConfiguration configuration)
    {
        if (configuration[TransportOptions.ProviderVariable] is { Length: > 0 } provider)
        {
            options.Provider = provider;
        }

        if (configuration[TransportOptions.RabbitMqVariable] is { Length: > 0 } uri)
        {
            options.RabbitMq = uri;
        }
    }
}
