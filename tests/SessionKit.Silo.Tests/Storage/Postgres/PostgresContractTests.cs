namespace SessionKit.Silo.Tests.Storage.Postgres;

// The storage contracts, run against PostgreSQL: the same suites as SqliteContractTests.cs.

public sealed class PostgresSessionStoreTests : SessionStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresSessionListingTests : SessionListingContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresProjectStoreTests : ProjectStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresAdminStoreTests : AdminStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresStorageInitializerTests : StorageInitializerContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresSessionEventsTests : SessionEventsContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresCommentStoreTests : CommentStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresVisitorStorageTests : VisitorStorageContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresSignalStoreTests : SignalStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresAlertStoreTests : AlertStoreContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}

public sealed class PostgresAlertDeliveryQueueTests : AlertDeliveryQueueContract
{
    protected override IStorageTestDatabase CreateDatabase() => new PostgresStorageTestDatabase();
}
