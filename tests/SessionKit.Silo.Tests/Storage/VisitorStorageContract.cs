using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>
/// What every storage must do for visitors and persons: aliases, persons and traits, session links, tab
/// activity, erasure that stays erased, and the session list's visitor, person and trait filters.
/// </summary>
public abstract class VisitorStorageContract : StorageContract
{
    private readonly string projectId = NewId("project");

    private IVisitorAliasStore Aliases => Store.Get<IVisitorAliasStore>();

    private IPersonStore Persons => Store.Get<IPersonStore>();

    private ISessionLinkStore Links => Store.Get<ISessionLinkStore>();

    private ITabActivityStore Tabs => Store.Get<ITabActivityStore>();

    private ISessionErasureStore Erasure => Store.Get<ISessionErasureStore>();

    [Fact]
    public async Task AliasesAreListedByMomentAndARepeatedAliasIsStoredOnce()
    {
        var visitor = NewId("visitor");
        var bob = new VisitorAlias(projectId, visitor, "bob", 2_000, NewId("session"));
        var alice = new VisitorAlias(projectId, visitor, "alice", 1_000, NewId("session"));
        Assert.True(await Aliases.AddAliasAsync(bob, Ct));
        Assert.True(await Aliases.AddAliasAsync(alice, Ct));
        Assert.True(await Aliases.AddAliasAsync(alice, Ct));
        await Aliases.AddAliasAsync(alice with { VisitorId = NewId("visitor") }, Ct);

        Assert.Equal([alice, bob], await Aliases.ListAliasesOfVisitorAsync(projectId, visitor, Ct));
        Assert.Empty(await Aliases.ListAliasesOfVisitorAsync(NewId("project"), visitor, Ct));
    }

    [Fact]
    public async Task APersonsVisitorsAreEveryDeviceIdentifiedAsItUntilForgotten()
    {
        var (laptop, phone) = (NewId("visitor"), NewId("visitor"));
        await Aliases.AddAliasAsync(new VisitorAlias(projectId, laptop, "ada", 1, NewId("session")), Ct);
        await Aliases.AddAliasAsync(new VisitorAlias(projectId, laptop, "ada", 5, NewId("session")), Ct);
        await Aliases.AddAliasAsync(new VisitorAlias(projectId, phone, "ada", 3, NewId("session")), Ct);
        await Aliases.AddAliasAsync(new VisitorAlias(projectId, phone, "grace", 4, NewId("session")), Ct);

        Assert.Equal(new[] { laptop, phone }.Order(StringComparer.Ordinal), await Aliases.ListVisitorsOfPersonAsync(projectId, "ada", Ct));

        await Aliases.DeleteAliasesAsync(projectId, phone, "ada", Ct);

        Assert.Equal([laptop], await Aliases.ListVisitorsOfPersonAsync(projectId, "ada", Ct));
        Assert.Equal(["grace"], (await Aliases.ListAliasesOfVisitorAsync(projectId, phone, Ct)).Select(alias => alias.UserId));
    }

    [Fact]
    public async Task APersonKeepsItsTraitsAndASaveReplacesThem()
    {
        var person = new PersonRecord(projectId, "ada", new Dictionary<string, string> { ["plan"] = "pro", ["name"] = "Ada “L.”" }, At(0), At(1));
        await Persons.SavePersonAsync(person, Ct);
        AssertSamePerson(person, await Persons.GetPersonAsync(projectId, "ada", Ct));

        var changed = person with { Traits = new Dictionary<string, string> { ["plan"] = "team" }, LastSeenAt = At(9) };
        await Persons.SavePersonAsync(changed, Ct);
        AssertSamePerson(changed, await Persons.GetPersonAsync(projectId, "ada", Ct));

        Assert.Null(await Persons.GetPersonAsync(NewId("project"), "ada", Ct));
    }

    [Fact]
    public async Task ADeletedPersonIsGoneWithItsTraits()
    {
        await Persons.SavePersonAsync(new PersonRecord(projectId, "ada", new Dictionary<string, string> { ["plan"] = "pro" }, At(0), At(0)), Ct);

        await Persons.DeletePersonAsync(projectId, "ada", Ct);
        await Persons.DeletePersonAsync(projectId, "ada", Ct);

        Assert.Null(await Persons.GetPersonAsync(projectId, "ada", Ct));
    }

    [Fact]
    public async Task ALinkIsReplacedAndListedByPersonAndByVisitor()
    {
        var visitor = NewId("visitor");
        var (first, second) = (await CreateSessionAsync(visitor), await CreateSessionAsync(visitor));
        await Links.SetLinksAsync([new SessionLink(first.Id, projectId, visitor, null), new SessionLink(second.Id, projectId, visitor, "ada")], Ct);
        await Links.SetLinksAsync([new SessionLink(first.Id, projectId, visitor, "ada")], Ct);

        var expected = new[] { new SessionLink(first.Id, projectId, visitor, "ada"), new SessionLink(second.Id, projectId, visitor, "ada") }
            .OrderBy(link => link.SessionId, StringComparer.Ordinal);
        Assert.Equal(expected, await Links.ListLinksOfPersonAsync(projectId, "ada", Ct));
        Assert.Equal(expected, await Links.ListLinksOfVisitorAsync(projectId, visitor, Ct));
    }

    [Fact]
    public async Task LinksAndTabActivityOfSessionsNotStoredAreSkipped()
    {
        var visitor = NewId("visitor");
        var unknown = NewId("session");

        await Links.SetLinksAsync([new SessionLink(unknown, projectId, visitor, "ada")], Ct);
        await Tabs.AddAsync([new TabActivity(unknown, projectId, visitor, "tab", 1, TabActivityKinds.Opened)], Ct);

        Assert.Empty(await Links.ListLinksOfPersonAsync(projectId, "ada", Ct));
        Assert.Empty(await Tabs.ListOfVisitorAsync(projectId, visitor, Ct));
    }

    [Fact]
    public async Task TabActivityIsListedByMomentAndStoredOnce()
    {
        var visitor = NewId("visitor");
        var (left, right) = (await CreateSessionAsync(visitor), await CreateSessionAsync(visitor));
        var opened = new TabActivity(left.Id, projectId, visitor, "tab-left", 100, TabActivityKinds.Opened);
        var focused = new TabActivity(right.Id, projectId, visitor, "tab-right", 200, TabActivityKinds.Focused);
        var hidden = new TabActivity(left.Id, projectId, visitor, "tab-left", 200, TabActivityKinds.Hidden);
        await Tabs.AddAsync([focused, opened], Ct);
        await Tabs.AddAsync([opened, hidden], Ct);

        var expected = new[] { opened }.Concat(new[] { focused, hidden }.OrderBy(entry => entry.SessionId, StringComparer.Ordinal));
        Assert.Equal(expected, await Tabs.ListOfVisitorAsync(projectId, visitor, Ct));
    }

    [Fact]
    public async Task AnErasedSessionIsGoneWithEverythingOfItAndStaysGone()
    {
        var visitor = NewId("visitor");
        var session = await CreateSessionAsync(visitor);
        await Store.Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);
        await Store.Comments.AddCommentAsync(new CommentRecord(NewId("comment"), session.Id, projectId, "ada", "note", 1, Epoch), Ct);
        await Links.SetLinksAsync([new SessionLink(session.Id, projectId, visitor, "ada")], Ct);
        await Tabs.AddAsync([new TabActivity(session.Id, projectId, visitor, "tab", 1, TabActivityKinds.Opened)], Ct);

        await Erasure.EraseSessionsAsync([session.Id, NewId("session")], Epoch, Ct);
        await Erasure.EraseSessionsAsync([session.Id], Epoch, Ct);

        Assert.True(await Erasure.IsErasedAsync(session.Id, Ct));
        Assert.Null(await Store.Sessions.GetSessionAsync(session.Id, Ct));
        Assert.Empty(await Store.Sessions.GetPendingBatchesAsync(session.Id, Ct));
        Assert.Empty(await Store.Comments.ListCommentsAsync(session.Id, Ct));
        Assert.Empty(await Links.ListLinksOfVisitorAsync(projectId, visitor, Ct));
        Assert.Empty(await Tabs.ListOfVisitorAsync(projectId, visitor, Ct));

        // An activation that still had it in memory, or an SDK resending it, writes nothing.
        Assert.False(await Store.Sessions.TryCreateSessionAsync(session, Ct));
        await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.Sessions.AppendBatchAsync(Appending(session, 1), Batch(session, 1), Ct));
        await Assert.ThrowsAsync<StorageConflictException>(() => Store.Sessions.UpdateSessionAsync(session, Ct));
        Assert.Null(await Store.Sessions.GetSessionAsync(session.Id, Ct));
        Assert.False(await Erasure.IsErasedAsync(NewId("session"), Ct));

        // An identify still queued in that session does not bring the person back.
        Assert.False(await Aliases.AddAliasAsync(new VisitorAlias(projectId, visitor, "ada", 1, session.Id), Ct));
        Assert.Empty(await Aliases.ListVisitorsOfPersonAsync(projectId, "ada", Ct));
    }

    [Fact]
    public async Task TheSessionListFiltersByVisitorPersonAndTrait()
    {
        var (laptop, phone) = (NewId("visitor"), NewId("visitor"));
        var adaLaptop = await CreateSessionAsync(laptop);
        var adaPhone = await CreateSessionAsync(phone);
        var grace = await CreateSessionAsync(laptop);
        var anonymous = await CreateSessionAsync(phone);
        await Links.SetLinksAsync(
        [
            new SessionLink(adaLaptop.Id, projectId, laptop, "ada"), new SessionLink(adaPhone.Id, projectId, phone, "ada"),
            new SessionLink(grace.Id, projectId, laptop, "grace"), new SessionLink(anonymous.Id, projectId, phone, null),
        ], Ct);
        await Persons.SavePersonAsync(new PersonRecord(projectId, "ada", new Dictionary<string, string> { ["plan"] = "pro" }, Epoch, Epoch), Ct);
        await Persons.SavePersonAsync(new PersonRecord(projectId, "grace", new Dictionary<string, string> { ["plan"] = "free" }, Epoch, Epoch), Ct);

        Assert.Equal(Ids(adaLaptop, adaPhone), await ListAsync(new SessionQuery { ProjectId = projectId, UserId = "ada" }));
        Assert.Equal(Ids(adaLaptop, grace), await ListAsync(new SessionQuery { ProjectId = projectId, VisitorId = laptop }));
        Assert.Equal(Ids(adaLaptop, adaPhone), await ListAsync(new SessionQuery { ProjectId = projectId, TraitName = "plan", TraitValue = "pro" }));
        Assert.Equal(Ids(grace), await ListAsync(new SessionQuery { ProjectId = projectId, TraitName = "plan", TraitValue = "free", VisitorId = laptop }));
        Assert.Empty(await ListAsync(new SessionQuery { ProjectId = projectId, TraitName = "plan", TraitValue = "Pro" }));
    }

    private async Task<IReadOnlyList<string>> ListAsync(SessionQuery query) =>
        (await Store.Sessions.ListSessionsAsync(query, Ct)).Items.Select(session => session.Id).Order(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> Ids(params SessionRecord[] sessions) =>
        sessions.Select(session => session.Id).Order(StringComparer.Ordinal).ToList();

    private async Task<SessionRecord> CreateSessionAsync(string visitorId)
    {
        var session = NewSession(projectId) with { VisitorId = visitorId };
        Assert.True(await Store.Sessions.TryCreateSessionAsync(session, Ct));
        return session;
    }

    private static void AssertSamePerson(PersonRecord expected, PersonRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Traits.OrderBy(trait => trait.Key), actual.Traits.OrderBy(trait => trait.Key));
        Assert.Equal(expected, actual with { Traits = expected.Traits });
    }
}
