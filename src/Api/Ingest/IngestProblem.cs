using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionKit.Api.Ingest;

/// <summary>A rejected ingest request: the status and the message a developer can act on.</summary>
public sealed record IngestProblem(int Status, string Title, string Detail)
{
    public ProblemHttpResult ToResult() => TypedResults.Problem(detail: Detail, statusCode: Status, title: Title);

    public static IngestProblem BadRequest(string detail) =>
        new(StatusCodes.Status400BadRequest, "Invalid ingest request", detail);

    public static IngestProblem TooLarge(string detail) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large", detail);
}
