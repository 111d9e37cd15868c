using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>Ready only while connected to the broker: without it, no grain call can be carried.</summary>
internal sealed class BrokerHealthCheck(RabbitMqConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("connected to the message broker")
            : HealthCheckResult.Unhealthy("not connected to the message broker"));
}
