using SessionKit.Silo.Grains;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Visitors;

/// <summary>
/// Owns one person's record: traits merge so that the latest identify (by its client time) wins for each
/// trait it names, whatever order identifies arrive in from several devices; an older identify only adds
/// traits not known yet. Traits the project lists as private are never stored.
/// </summary>
public sealed class PersonGrain(IPersonStore personStore, IProjectStore projectStore) : Grain, IPersonGrain
{
    private PersonRecord? _person;
    private string _projectId = "";
    private string _userId = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_projectId, _userId) = IdentityKeys.Parse(Key);
        _person = await personStore.GetPersonAsync(_projectId, _userId, cancellationToken);
    }

    public async Task IdentifiedAsync(PersonSeen seen)
    {
        var project = await projectStore.GetProjectAsync(_projectId, CancellationToken.None);
        var hidden = new HashSet<string>(project?.PrivateTraits ?? [], StringComparer.OrdinalIgnoreCase);
        var reported = seen.Traits.Where(trait => !hidden.Contains(trait.Key)).ToList();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(seen.AtMs);

        var traits = new Dictionary<string, string>(_person?.Traits ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var newest = _person is null || at >= _person.LastSeenAt;
        foreach (var (name, value) in reported)
        {
            if (newest || !traits.ContainsKey(name))
            {
                traits[name] = value;
            }
        }

        // Traits made private after they were stored go at the next identify.
        foreach (var name in traits.Keys.Where(hidden.Contains).ToList())
        {
            traits.Remove(name);
        }

        var updated = _person is null
            ? new PersonRecord(_projectId, _userId, traits, at, at)
            : _person with
            {
                Traits = traits,
                FirstSeenAt = at < _person.FirstSeenAt ? at : _person.FirstSeenAt,
                LastSeenAt = at > _person.LastSeenAt ? at : _person.LastSeenAt,
            };
        await personStore.SavePersonAsync(updated, CancellationToken.None);
        _person = updated;
    }

    public async Task EraseAsync()
    {
        await personStore.DeletePersonAsync(_projectId, _userId, CancellationToken.None);
        _person = null;
    }
}
