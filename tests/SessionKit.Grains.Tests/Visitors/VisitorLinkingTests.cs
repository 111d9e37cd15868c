using SessionKit.Grains.Visitors;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Visitors;

public sealed class VisitorLinkingTests
{
    [Fact]
    public void AnonymousSessionsBeforeTheFirstIdentifyBelongToTheFirstPerson()
    {
        var links = VisitorLinking.Resolve([Alias("ada", 500, "s2")], Sessions(("s1", 100), ("s2", 400), ("s3", 900)));

        Assert.Equal(Links(("s1", "ada"), ("s2", "ada"), ("s3", "ada")), links);
    }

    [Fact]
    public void ASecondPersonOnTheSameDeviceTakesOnlyTheSessionsFromItsIdentifyOn()
    {
        var aliases = new[] { Alias("grace", 2_000, "s3"), Alias("ada", 500, "s1") };

        var links = VisitorLinking.Resolve(aliases, Sessions(("s1", 100), ("s2", 1_000), ("s3", 1_900), ("s4", 3_000)));

        // s3 started before grace's identify but is where she logged in.
        Assert.Equal(Links(("s1", "ada"), ("s2", "ada"), ("s3", "grace"), ("s4", "grace")), links);
    }

    [Fact]
    public void TheOrderAliasesAreKnownInDoesNotMatter()
    {
        var aliases = new[] { Alias("ada", 500, "s1"), Alias("grace", 2_000, "s3"), Alias("ada", 700, "s1") };
        var sessions = Sessions(("s1", 100), ("s2", 1_000), ("s3", 1_900));

        Assert.Equal(VisitorLinking.Resolve(aliases, sessions), VisitorLinking.Resolve([.. aliases.Reverse()], sessions));
    }

    [Fact]
    public void WithoutAliasesNoSessionHasAPerson()
    {
        Assert.Equal(Links(("s1", null)), VisitorLinking.Resolve([], Sessions(("s1", 100))));
    }

    private static VisitorAlias Alias(string userId, long at, string sessionId) => new("p", "v", userId, at, sessionId);

    private static Dictionary<string, long?> Sessions(params (string Id, long Start)[] sessions) =>
        sessions.ToDictionary(session => session.Id, session => (long?)session.Start);

    private static Dictionary<string, string?> Links(params (string Id, string? UserId)[] links) =>
        links.ToDictionary(link => link.Id, link => link.UserId);
}
