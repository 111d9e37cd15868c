using System.Text.Json.Nodes;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Signals;

/// <summary>A session's signals and scores as the API shows them (see docs/api.md).</summary>
public sealed record SessionSignalsResponse(
    string SessionId, int Score, IReadOnlyList<PageScoreRecord> Pages, IReadOnlyList<SignalResponse> Signals);

public sealed record SignalResponse(
    int Index, string Type, long At, string? Url, SignalTargetResponse? Target, JsonNode? Evidence, string Explanation)
{
    public static SignalResponse From(SignalRecord signal) => new(
        signal.Index,
        signal.Type,
        signal.At,
        signal.Url,
        signal.TargetSelector is null ? null : new SignalTargetResponse(signal.TargetSelector, signal.TargetText),
        JsonNode.Parse(signal.EvidenceJson),
        signal.Explanation);
}

public sealed record SignalTargetResponse(string Selector, string? Text);
