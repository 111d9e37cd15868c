namespace SessionKit.Silo.Storage;

/// <summary>Persons and their traits.</summary>
public interface IPersonStore
{
    /// <summary>Writes the person, inserting it when absent; its traits replace the stored ones.</summary>
    Task SavePersonAsync(PersonRecord person, CancellationToken cancellationToken);

    Task<PersonRecord?> GetPersonAsync(string projectId, string userId, CancellationToken cancellationToken);

    /// <summary>Deletes the person and its traits; nothing happens when absent.</summary>
    Task DeletePersonAsync(string projectId, string userId, CancellationToken cancellationToken);
}
