using SessionKit.Api.Sessions;

namespace SessionKit.Api.Visitors;

/// <summary>When a device visitor was identified as a person (client Unix ms of the identify).</summary>
public sealed record AliasResponse(string UserId, long EffectiveFromMs, string SessionId);

/// <summary>A device visitor: who it was identified as, its sessions (newest first) and its journeys (oldest first).</summary>
public sealed record VisitorResponse(
    string VisitorId,
    string ProjectId,
    IReadOnlyList<AliasResponse> Aliases,
    IReadOnlyList<SessionResponse> Sessions,
    IReadOnlyList<Journey> Journeys);

/// <summary>One device of a person.</summary>
public sealed record DeviceResponse(string VisitorId, string? UserAgent, int SessionCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastActivityAt);

/// <summary>A person with its traits, devices, sessions (newest first) and journeys on every device (oldest first).</summary>
public sealed record PersonResponse(
    string UserId,
    string ProjectId,
    IReadOnlyDictionary<string, string> Traits,
    DateTimeOffset? FirstSeenAt,
    DateTimeOffset? LastSeenAt,
    IReadOnlyList<DeviceResponse> Devices,
    IReadOnlyList<SessionResponse> Sessions,
    IReadOnlyList<Journey> Journeys);

/// <summary>What an erasure removed.</summary>
public sealed record ErasureResponse(string UserId, string ProjectId, int ErasedSessions, int ErasedDevices);
