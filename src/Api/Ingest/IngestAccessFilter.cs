using SessionKit.Silo.Storage;

namespace SessionKit.Api.Ingest;

/// <summary>
/// Guards ingest endpoints: the ingest key (header, or query for sendBeacon) must name a project, and a
/// browser request must come from one of the project's allowed origins. Sets the CORS answer headers.
/// </summary>
public sealed class IngestAccessFilter(IngestProjectResolver resolver) : IEndpointFilter
{
    public const string KeyHeader = "X-SessionKit-Key";
    private const string ProjectItem = "SessionKit.IngestProject";

    public static ProjectRecord ProjectOf(HttpContext context) =>
        (ProjectRecord)context.Items[ProjectItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var origin = http.Request.Headers.Origin.ToString();
        var key = http.Request.Headers[KeyHeader].ToString();
        if (key.Length == 0)
        {
            key = http.Request.Query["key"].ToString();
        }

        // A disallowed origin loses this header below.
        LetBrowserReadAnswer(http);

        var project = key.Length == 0 ? null : await resolver.ResolveAsync(key, http.RequestAborted);
        if (project is null)
        {
            return TypedResults.Problem(
                title: "Missing or wrong ingest key",
                detail: $"Send the project's ingest key in the {KeyHeader} header or the 'key' query parameter.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (origin.Length > 0 && !IsAllowed(project, origin))
        {
            http.Response.Headers.Remove("Access-Control-Allow-Origin");
            return TypedResults.Problem(
                title: "Origin not allowed",
                detail: $"Origin '{origin}' is not among the allowed origins of project '{project.Id}'.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        http.Items[ProjectItem] = project;
        return await next(context);
    }

    /// <summary>Lets the SDK in a page read the answer's status and Retry-After, errors included.</summary>
    public static void LetBrowserReadAnswer(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.AccessControlExposeHeaders = "Retry-After";
            http.Response.Headers.Vary = "Origin";
        }
    }

    private static bool IsAllowed(ProjectRecord project, string origin) =>
        project.AllowedOrigins.Count == 0
        || project.AllowedOrigins.Any(allowed => allowed == "*" || string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
