using SessionKit.Api.Auth;
using SessionKit.Silo.Cluster;

namespace SessionKit.Api.Cluster;

public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cluster", (IClusterStatusSource status) => TypedResults.Ok(status.Current))
            .RequireAuthorization(AdminPolicy.Name)
            .WithTags("Cluster")
            .WithName("GetClusterStatus")
            .WithSummary("This node's view of the cluster: members, and per partition its owner and whether this node processes it.");
        return app;
    }
}
