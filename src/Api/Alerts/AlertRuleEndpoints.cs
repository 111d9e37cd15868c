using Microsoft.AspNetCore.Http.HttpResults;
using SessionKit.Api.Auth;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

public static class AlertRuleEndpoints
{
    public static IEndpointRouteBuilder MapAlertRuleEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/projects/{projectId}/alert-rules").WithTags("Alerts").RequireAuthorization(AdminPolicy.Name);
        rules.MapGet("/", ListAsync).WithName("ListAlertRules").WithSummary("The project's alert rules.");
        rules.MapPost("/", CreateAsync).WithName("CreateAlertRule").WithSummary("Adds an alert rule; it fires once per session.");
        rules.MapGet("/{ruleId}", GetAsync).WithName("GetAlertRule").WithSummary("One alert rule.");
        rules.MapPut("/{ruleId}", ReplaceAsync).WithName("ReplaceAlertRule").WithSummary("Replaces an alert rule.");
        rules.MapDelete("/{ruleId}", DeleteAsync).WithName("DeleteAlertRule").WithSummary("Deletes an alert rule.");
        return app;
    }

    private static async Task<Results<Ok<List<AlertRuleResponse>>, ProblemHttpResult>> ListAsync(
        string projectId, IProjectStore projects, IAlertStore alerts, CancellationToken cancellationToken) =>
        await projects.GetProjectAsync(projectId, cancellationToken) is null
            ? AlertProblems.UnknownProject(projectId)
            : TypedResults.Ok((await alerts.ListRulesAsync(projectId, cancellationToken)).Select(AlertRuleResponse.From).ToList());

    private static async Task<Results<Created<AlertRuleResponse>, ProblemHttpResult>> CreateAsync(
        string projectId, AlertRuleRequest request, IProjectStore projects, IAlertStore alerts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await projects.GetProjectAsync(projectId, cancellationToken) is null)
        {
            return AlertProblems.UnknownProject(projectId);
        }

        if (request.Problem(await alerts.ListWebhooksAsync(projectId, cancellationToken)) is { } problem)
        {
            return AlertProblems.Invalid("Invalid alert rule", problem);
        }

        var rule = request.ToRecord(Guid.CreateVersion7().ToString("N"), projectId, clock.GetUtcNow());
        await alerts.SaveRuleAsync(rule, cancellationToken);
        return TypedResults.Created($"/api/v1/projects/{projectId}/alert-rules/{rule.Id}", AlertRuleResponse.From(rule));
    }

    private static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult>> GetAsync(
        string projectId, string ruleId, IAlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.GetRuleAsync(ruleId, cancellationToken) is { } rule && rule.ProjectId == projectId
            ? TypedResults.Ok(AlertRuleResponse.From(rule))
            : AlertProblems.UnknownRule(ruleId);

    private static async Task<Results<Ok<AlertRuleResponse>, ProblemHttpResult>> ReplaceAsync(
        string projectId, string ruleId, AlertRuleRequest request, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (await alerts.GetRuleAsync(ruleId, cancellationToken) is not { } existing || existing.ProjectId != projectId)
        {
            return AlertProblems.UnknownRule(ruleId);
        }

        if (request.Problem(await alerts.ListWebhooksAsync(projectId, cancellationToken)) is { } problem)
        {
            return AlertProblems.Invalid("Invalid alert rule", problem);
        }

        var rule = request.ToRecord(ruleId, projectId, existing.CreatedAt);
        await alerts.SaveRuleAsync(rule, cancellationToken);
        return TypedResults.Ok(AlertRuleResponse.From(rule));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string projectId, string ruleId, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (await alerts.GetRuleAsync(ruleId, cancellationToken) is not { } rule || rule.ProjectId != projectId)
        {
            return AlertProblems.UnknownRule(ruleId);
        }

        await alerts.DeleteRuleAsync(ruleId, cancellationToken);
        return TypedResults.NoContent();
    }
}
