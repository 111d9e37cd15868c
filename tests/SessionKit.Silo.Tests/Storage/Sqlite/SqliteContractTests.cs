namespace SessionKit.Silo.Tests.Storage.Sqlite;

// The storage contracts, run against SQLite. A PostgreSQL storage adds the same few lines.

public sealed class SqliteSessionStoreTests : SessionStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteSessionListingTests : SessionListingContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteProjectStoreTests : ProjectStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteAdminStoreTests : AdminStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteStorageInitializerTests : StorageInitializerContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteSessionEventsTests : SessionEventsContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteCommentStoreTests : CommentStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteVisitorStorageTests : VisitorStorageContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteSignalStoreTests : SignalStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteAlertStoreTests : AlertStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}

public sealed class SqliteAlertDeliveryQueueTests : AlertDeliveryQueueContract
{
    protected override IStorageTestDatabase CreateDatabase() => new SqliteTestDatabase();
}
