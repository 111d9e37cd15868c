namespace SessionKit.Silo.Tests.Storage;

/// <summary>
/// Base of the storage contract suites. Each implementation (SQLite now, PostgreSQL later) derives a
/// test class per suite that only says how to create a fresh database; xunit builds a new instance,
/// and so a new database, for every test.
/// </summary>
public abstract class StorageContract : IAsyncLifetime
{
    private readonly List<StoreUnderTest> opened = [];
    private IStorageTestDatabase? database;

    protected StoreUnderTest Store { get; private set; } = null!;

    protected static CancellationToken Ct => CancellationToken.None;

    protected abstract IStorageTestDatabase CreateDatabase();

    public async Task InitializeAsync()
    {
        database = CreateDatabase();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Closes the current store and opens the same database afresh, as a restart would.</summary>
    protected async Task<StoreUnderTest> ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
        return Store;
    }

    /// <summary>Another store over the same database, open beside the current one.</summary>
    protected async Task<StoreUnderTest> OpenAsync()
    {
        var store = await database!.OpenAsync();
        opened.Add(store);
        return store;
    }
}
