using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionKit.Api.Alerts;

internal static class AlertProblems
{
    public static ProblemHttpResult UnknownProject(string projectId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown project", detail: $"No project '{projectId}'.");

    public static ProblemHttpResult UnknownRule(string ruleId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown alert rule", detail: $"The project has no alert rule '{ruleId}'.");

    public static ProblemHttpResult UnknownWebhook(string webhookId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown webhook", detail: $"The project has no webhook '{webhookId}'.");

    public static ProblemHttpResult Invalid(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
