using SessionKit.Silo.Grains;

namespace SessionKit.Grains.Visitors;

/// <summary>One grain per person, keyed by <see cref="IdentityKeys.Person"/>: keeps the person's traits.</summary>
public interface IPersonGrain : IGrainWithStringKey
{
    /// <summary>Records an identify as this person; its traits (less the project's private ones) merge over older ones.</summary>
    Task IdentifiedAsync(PersonSeen seen);

    /// <summary>Deletes the person and its traits (its devices' sessions are erased through their visitor grains first).</summary>
    Task EraseAsync();
}
