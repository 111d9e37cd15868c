using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionKit.Api.Projects;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Health;

/// <summary>Ready only while storage answers a small read in time: without it, no batch can be made durable.</summary>
internal sealed class StorageHealthCheck(IProjectStore projects) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await projects.GetProjectAsync(ProjectFactory.DefaultProjectId, timeout.Token);
            return HealthCheckResult.Healthy("storage answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("storage does not answer", ex);
        }
    }
}
