using SessionKit.Api.Sessions;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Visitors;

/// <summary>Reads a visitor's or a person's picture from storage (the grains write it; reads never need them).</summary>
public sealed class IdentityReader(
    ISessionStore sessions, IVisitorAliasStore aliases, IPersonStore persons, ISessionLinkStore links, ITabActivityStore tabs)
{
    /// <summary>Sessions read per answer at most, newest first, so a very active person never costs unbounded memory.</summary>
    public const int MaxSessions = 1000;

    private const int PageSize = 200;

    public async Task<VisitorResponse?> ReadVisitorAsync(string projectId, string visitorId, CancellationToken cancellationToken)
    {
        var visitorAliases = await aliases.ListAliasesOfVisitorAsync(projectId, visitorId, cancellationToken);
        var recorded = await ListAsync(new SessionQuery { ProjectId = projectId, VisitorId = visitorId }, cancellationToken);
        if (visitorAliases.Count == 0 && recorded.Count == 0)
        {
            return null;
        }

        var activity = await tabs.ListOfVisitorAsync(projectId, visitorId, cancellationToken);
        return new VisitorResponse(
            visitorId,
            projectId,
            [.. visitorAliases.Select(alias => new AliasResponse(alias.UserId, alias.EffectiveFromMs, alias.SessionId))],
            [.. recorded.Select(SessionResponse.From)],
            JourneyBuilder.Build(visitorId, recorded, activity));
    }

    public async Task<PersonResponse?> ReadPersonAsync(string projectId, string userId, CancellationToken cancellationToken)
    {
        var person = await persons.GetPersonAsync(projectId, userId, cancellationToken);
        var personLinks = await links.ListLinksOfPersonAsync(projectId, userId, cancellationToken);
        if (person is null && personLinks.Count == 0)
        {
            return null;
        }

        var recorded = await ListAsync(new SessionQuery { ProjectId = projectId, UserId = userId }, cancellationToken);
        var visitorOf = personLinks.ToDictionary(link => link.SessionId, link => link.VisitorId, StringComparer.Ordinal);
        var devices = new List<DeviceResponse>();
        var journeys = new List<Journey>();
        foreach (var device in recorded.GroupBy(session => visitorOf.GetValueOrDefault(session.Id) ?? session.VisitorId ?? session.Id))
        {
            var deviceSessions = device.ToList();
            devices.Add(new DeviceResponse(
                device.Key,
                deviceSessions.MaxBy(session => session.StartedAt)!.UserAgent,
                deviceSessions.Count,
                deviceSessions.Min(session => session.StartedAt),
                deviceSessions.Max(session => session.LastActivityAt)));
            journeys.AddRange(JourneyBuilder.Build(device.Key, deviceSessions, await tabs.ListOfVisitorAsync(projectId, device.Key, cancellationToken)));
        }

        return new PersonResponse(
            userId,
            projectId,
            person?.Traits ?? new Dictionary<string, string>(),
            person?.FirstSeenAt,
            person?.LastSeenAt,
            [.. devices.OrderByDescending(device => device.LastActivityAt)],
            [.. recorded.Select(SessionResponse.From)],
            [.. journeys.OrderBy(journey => journey.StartMs)]);
    }

    private async Task<IReadOnlyList<SessionRecord>> ListAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var result = new List<SessionRecord>();
        query = query with { Limit = PageSize };
        do
        {
            var page = await sessions.ListSessionsAsync(query, cancellationToken);
            result.AddRange(page.Items);
            query = query with { Cursor = page.NextCursor };
        }
        while (query.Cursor is not null && result.Count < MaxSessions);

        return result.Count > MaxSessions ? result[..MaxSessions] : result;
    }
}
