using Microsoft.Extensions.DependencyInjection;
using SessionKit.Silo.Storage;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>An opened, initialized store as its users see it: its interfaces and a way to close it.</summary>
public sealed class StoreUnderTest(
    ISessionStore sessions,
    IProjectStore projects,
    IAdminStore admins,
    ICommentStore comments,
    IStorageInitializer initializer,
    IAsyncDisposable owner,
    IServiceProvider? services = null) : IAsyncDisposable
{
    private int disposed;

    public ISessionStore Sessions => sessions;

    public IProjectStore Projects => projects;

    public IAdminStore Admins => admins;

    public ICommentStore Comments => comments;

    public IStorageInitializer Initializer => initializer;

    /// <summary>Any other store of the same storage, as the silo's container provides it.</summary>
    public T Get<T>() where T : notnull =>
        (services ?? throw new InvalidOperationException("This store was opened without its container.")).GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await owner.DisposeAsync();
        }
    }
}

/// <summary>One test's own database; every <see cref="OpenAsync"/> opens that same database.</summary>
public interface IStorageTestDatabase : IAsyncDisposable
{
    Task<StoreUnderTest> OpenAsync();
}
