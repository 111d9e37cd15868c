using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionKit.Grains.Signals;

/// <summary>One JSON shape for signals and their evidence, in storage, the API, hub messages and webhooks.</summary>
public static class SignalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Evidence(SignalEvidence evidence) => JsonSerializer.Serialize(evidence, Options);

    public static SignalEvidence ReadEvidence(string json) =>
        JsonSerializer.Deserialize<SignalEvidence>(json, Options) ?? new SignalEvidence();

    /// <summary>The signals as one JSON array: what "the same signals" means when two evaluations are compared.</summary>
    public static string Of(IEnumerable<Signal> signals) => JsonSerializer.Serialize(signals, Options);
}
