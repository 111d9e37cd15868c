using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Visitors;

/// <summary>
/// Owns one device visitor: its sessions (with their first event times), the persons it was identified as
/// (aliases), and so each session's link to a person (<see cref="VisitorLinking"/>). Every change is written
/// through, and each write is idempotent, so a repeated or late report changes nothing or completes the picture.
/// </summary>
public sealed class VisitorGrain(
    IVisitorAliasStore aliasStore,
    ISessionLinkStore linkStore,
    ITabActivityStore tabStore,
    ISessionStore sessionStore,
    ISessionErasureStore erasureStore,
    TimeProvider clock) : Grain, IVisitorGrain
{
    private const int ListPageSize = 200;

    private readonly Dictionary<string, long?> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _links = new(StringComparer.Ordinal);
    private List<VisitorAlias> _aliases = [];
    private string _projectId = "";
    private string _visitorId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_projectId, _visitorId) = IdentityKeys.Parse(Key);
        _aliases = [.. await aliasStore.ListAliasesOfVisitorAsync(_projectId, _visitorId, cancellationToken)];
        foreach (var link in await linkStore.ListLinksOfVisitorAsync(_projectId, _visitorId, cancellationToken))
        {
            _links[link.SessionId] = link.UserId;
        }

        var query = new SessionQuery { ProjectId = _projectId, VisitorId = _visitorId, Limit = ListPageSize };
        do
        {
            var page = await sessionStore.ListSessionsAsync(query, cancellationToken);
            foreach (var session in page.Items)
            {
                _sessions[session.Id] = session.FirstEventAt;
            }

            query = query with { Cursor = page.NextCursor };
        }
        while (query.Cursor is not null);
    }

    public async Task NoteAsync(SessionActivity activity)
    {
        // The earliest report of a start wins: a session's first event time only ever moves earlier.
        _sessions[activity.SessionId] = _sessions.GetValueOrDefault(activity.SessionId) is { } known && activity.SessionStartedMs is { } reported
            ? Math.Min(known, reported)
            : _sessions.GetValueOrDefault(activity.SessionId) ?? activity.SessionStartedMs;

        if (activity.Tabs.Count > 0)
        {
            await tabStore.AddAsync(
                [.. activity.Tabs.Select(tab => new TabActivity(activity.SessionId, _projectId, _visitorId, tab.TabId, tab.AtMs, tab.Kind))],
                CancellationToken.None);
        }

        foreach (var identified in activity.Identifies)
        {
            var alias = new VisitorAlias(_projectId, _visitorId, identified.UserId, identified.AtMs, activity.SessionId);
            if (!await aliasStore.AddAliasAsync(alias, CancellationToken.None))
            {
                continue; // Made in an erased session: the person must not come back.
            }

            if (!_aliases.Contains(alias))
            {
                _aliases.Add(alias);
            }

            await Grains.Get<IPersonGrain>(IdentityKeys.Person(_projectId, identified.UserId))
                .IdentifiedAsync(new PersonSeen(_visitorId, identified.Traits, identified.AtMs));
        }

        if (activity.Identifies.Count > 0)
        {
            // Storage's aliases, not only this activation's: while a partition moves between nodes two
            // activations may briefly both hear identifies, and each must link from all of them.
            _aliases = [.. await aliasStore.ListAliasesOfVisitorAsync(_projectId, _visitorId, CancellationToken.None)];
        }

        await RelinkAsync();
    }

    public async Task<IReadOnlyList<string>> ForgetPersonAsync(string userId)
    {
        var erased = VisitorLinking.Resolve(_aliases, _sessions)
            .Where(link => link.Value == userId)
            .Select(link => link.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (erased.Count > 0)
        {
            await erasureStore.EraseSessionsAsync(erased, clock.GetUtcNow(), CancellationToken.None);
        }

        await aliasStore.DeleteAliasesAsync(_projectId, _visitorId, userId, CancellationToken.None);
        _aliases.RemoveAll(alias => alias.UserId == userId);
        foreach (var sessionId in erased)
        {
            _sessions.Remove(sessionId);
            _links.Remove(sessionId);
        }

        await RelinkAsync();
        return erased;
    }

    /// <summary>Writes the links that changed; links of sessions storage no longer has are skipped by the store.</summary>
    private async Task RelinkAsync()
    {
        var changed = VisitorLinking.Resolve(_aliases, _sessions)
            .Where(link => !_links.TryGetValue(link.Key, out var stored) || stored != link.Value)
            .Select(link => new SessionLink(link.Key, _projectId, _visitorId, link.Value))
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        await linkStore.SetLinksAsync(changed, CancellationToken.None);
        foreach (var link in changed)
        {
            _links[link.SessionId] = link.UserId;
        }
    }
}
