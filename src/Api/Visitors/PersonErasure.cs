using SessionKit.Grains.Visitors;
using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Visitors;

/// <summary>
/// Erases a person: each device visitor ever identified as it erases the sessions linked to the person (its
/// grain owns those links, so erasure and linking never race), then the person's grain deletes the person.
/// The devices are asked one by one from here, never by the person's grain, so no grain waits on another
/// that may be waiting on it.
/// </summary>
public sealed class PersonErasure(IGrainFactory grains, IVisitorAliasStore aliases, ISessionLinkStore links, IPersonStore persons)
{
    /// <summary>What was erased; null when nothing of the person was known.</summary>
    public async Task<ErasureResponse?> EraseAsync(string projectId, string userId, CancellationToken cancellationToken)
    {
        var devices = (await aliases.ListVisitorsOfPersonAsync(projectId, userId, cancellationToken))
            .Concat((await links.ListLinksOfPersonAsync(projectId, userId, cancellationToken)).Select(link => link.VisitorId))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (devices.Count == 0 && await persons.GetPersonAsync(projectId, userId, cancellationToken) is null)
        {
            return null;
        }

        var erased = 0;
        foreach (var visitorId in devices)
        {
            erased += (await grains.Get<IVisitorGrain>(IdentityKeys.Visitor(projectId, visitorId)).ForgetPersonAsync(userId)).Count;
        }

        await grains.Get<IPersonGrain>(IdentityKeys.Person(projectId, userId)).EraseAsync();
        return new ErasureResponse(userId, projectId, erased, devices.Count);
    }
}
