namespace SessionKit.Api.Ingest;

/// <summary>
/// Answers CORS preflights for the ingest endpoints. A preflight carries no key, so it cannot be
/// checked against a project; the real request that follows is (see <see cref="IngestAccessFilter"/>).
/// </summary>
public sealed class IngestPreflightMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method)
            || !request.Headers.ContainsKey("Access-Control-Request-Method")
            || !request.Path.StartsWithSegments("/api/v1/sessions", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : "*";
        headers.AccessControlAllowMethods = "POST";
        headers.AccessControlAllowHeaders = $"Content-Type, Content-Encoding, {IngestAccessFilter.KeyHeader}";
        headers.AccessControlMaxAge = "86400";
        headers.Vary = "Origin";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
