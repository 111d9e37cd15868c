using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="IAdminStore"/> must do. Each test starts from a database without administrators.</summary>
public abstract class AdminStoreContract : StorageContract
{
    private IAdminStore Admins => Store.Admins;

    [Fact]
    public async Task ANewDatabaseHasNoAdministrator()
    {
        Assert.False(await Admins.AnyAdminAsync(Ct));
    }

    [Fact]
    public async Task TheFirstAdministratorIsCreatedOnlyOnce()
    {
        var first = NewAdmin();

        Assert.True(await Admins.TryCreateFirstAdminAsync(first, Ct));
        Assert.False(await Admins.TryCreateFirstAdminAsync(NewAdmin(), Ct));

        Assert.True(await Admins.AnyAdminAsync(Ct));
        Assert.Equal(first, await Admins.FindAdminAsync(first.UserName, Ct));
    }

    [Fact]
    public async Task OfConcurrentFirstSetupsExactlyOneSucceeds()
    {
        var candidates = Enumerable.Range(0, 32).Select(_ => NewAdmin()).ToList();

        var results = await Task.WhenAll(candidates.Select(admin =>
            Task.Run(() => Admins.TryCreateFirstAdminAsync(admin, Ct))));

        Assert.Single(results, created => created);
        var winner = candidates[Array.IndexOf(results, true)];
        Assert.Equal(winner, await Admins.FindAdminAsync(winner.UserName, Ct));
        foreach (var loser in candidates.Where(admin => admin != winner))
        {
            Assert.Null(await Admins.FindAdminAsync(loser.UserName, Ct));
        }
    }

    [Fact]
    public async Task AnAdministratorIsFoundWhateverTheCaseOfTheUserName()
    {
        var admin = NewAdmin() with { UserName = $"Ada-{Guid.NewGuid():N}" };
        await Admins.TryCreateFirstAdminAsync(admin, Ct);

        Assert.Equal(admin, await Admins.FindAdminAsync(admin.UserName.ToUpperInvariant(), Ct));
        Assert.Null(await Admins.FindAdminAsync(NewId("nobody"), Ct));
    }

    private static AdminRecord NewAdmin() => new(NewId("admin"), $"pbkdf2$sha256$600000${NewId("salt")}$hash", At(42));
}
