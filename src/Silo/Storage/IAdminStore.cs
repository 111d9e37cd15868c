namespace SessionKit.Silo.Storage;

public interface IAdminStore
{
    Task<bool> AnyAdminAsync(CancellationToken cancellationToken);

    /// <summary>Creates the first administrator; false when one already exists (setup runs once).</summary>
    Task<bool> TryCreateFirstAdminAsync(AdminRecord admin, CancellationToken cancellationToken);

    Task<AdminRecord?> FindAdminAsync(string userName, CancellationToken cancellationToken);
}
