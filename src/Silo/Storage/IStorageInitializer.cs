namespace SessionKit.Silo.Storage;

/// <summary>Prepares storage at start: creates it where needed and applies pending schema migrations.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
