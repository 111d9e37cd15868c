using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/v1/projects/{projectId}/webhooks").WithTags("Alerts").RequireAuthorization(AdminPolicy.Name);
        hooks.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The project's webhooks.");
        hooks.MapPost("/", CreateAsync).WithName("CreateWebhook").WithSummary("Adds a webhook alerts can be delivered to.");
        hooks.MapGet("/{webhookId}", GetAsync).WithName("GetWebhook").WithSummary("One webhook.");
        hooks.MapPut("/{webhookId}", ReplaceAsync).WithName("ReplaceWebhook").WithSummary("Replaces a webhook (its secret is kept unless given).");
        hooks.MapDelete("/{webhookId}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Deletes a webhook.");
        hooks.MapGet("/{webhookId}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("The webhook's latest delivery attempts.");
        return app;
    }

    private static async Task<Results<Ok<List<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        string projectId, IProjectStore projects, IAlertStore alerts, CancellationToken cancellationToken) =>
        await projects.GetProjectAsync(projectId, cancellationToken) is null
            ? AlertProblems.UnknownProject(projectId)
            : TypedResults.Ok((await alerts.ListWebhooksAsync(projectId, cancellationToken)).Select(WebhookResponse.From).ToList());

    private static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> CreateAsync(
        string projectId, WebhookRequest request, IProjectStore projects, IAlertStore alerts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await projects.GetProjectAsync(projectId, cancellationToken) is null)
        {
            return AlertProblems.UnknownProject(projectId);
        }

        if (request.Problem() is { } problem)
        {
            return AlertProblems.Invalid("Invalid webhook", problem);
        }

        var webhook = request.ToRecord(Guid.CreateVersion7().ToString("N"), projectId, null, clock.GetUtcNow());
        await alerts.SaveWebhookAsync(webhook, cancellationToken);
        return TypedResults.Created($"/api/v1/projects/{projectId}/webhooks/{webhook.Id}", WebhookResponse.From(webhook));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        string projectId, string webhookId, IAlertStore alerts, CancellationToken cancellationToken) =>
        await FindAsync(projectId, webhookId, alerts, cancellationToken) is { } webhook
            ? TypedResults.Ok(WebhookResponse.From(webhook))
            : AlertProblems.UnknownWebhook(webhookId);

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ReplaceAsync(
        string projectId, string webhookId, WebhookRequest request, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectId, webhookId, alerts, cancellationToken) is not { } existing)
        {
            return AlertProblems.UnknownWebhook(webhookId);
        }

        if (request.Problem() is { } problem)
        {
            return AlertProblems.Invalid("Invalid webhook", problem);
        }

        var webhook = request.ToRecord(webhookId, projectId, existing.Secret, existing.CreatedAt);
        await alerts.SaveWebhookAsync(webhook, cancellationToken);
        return TypedResults.Ok(WebhookResponse.From(webhook));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string projectId, string webhookId, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectId, webhookId, alerts, cancellationToken) is null)
        {
            return AlertProblems.UnknownWebhook(webhookId);
        }

        await alerts.DeleteWebhookAsync(webhookId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<WebhookDeliveryResponse>>, ProblemHttpResult>> DeliveriesAsync(
        string projectId, string webhookId, IAlertStore alerts, CancellationToken cancellationToken, int? limit = null)
    {
        if (limit is < 1 or > 200)
        {
            return AlertProblems.Invalid("Invalid query", "'limit' must be 1-200.");
        }

        return await FindAsync(projectId, webhookId, alerts, cancellationToken) is null
            ? AlertProblems.UnknownWebhook(webhookId)
            : TypedResults.Ok((await alerts.ListDeliveriesAsync(webhookId, limit ?? 50, cancellationToken)).Select(WebhookDeliveryResponse.From).ToList());
    }

    private static async Task<WebhookRecord?> FindAsync(string projectId, string webhookId, IAlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.GetWebhookAsync(webhookId, cancellationToken) is { } webhook && webhook.ProjectId == projectId ? webhook : null;
}
