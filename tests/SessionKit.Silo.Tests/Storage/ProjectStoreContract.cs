using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="IProjectStore"/> must do.</summary>
public abstract class ProjectStoreContract : StorageContract
{
    private IProjectStore Projects => Store.Projects;

    [Fact]
    public async Task ACreatedProjectRoundTrips()
    {
        var project = NewProject("https://shop.example", "https://www.shop.example");

        Assert.True(await Projects.TryCreateProjectAsync(project, Ct));

        AssertSameProject(project, await Projects.GetProjectAsync(project.Id, Ct));
    }

    [Fact]
    public async Task AProjectRequiringLiveConsentRoundTripsThroughEveryRead()
    {
        var project = NewProject() with { RequireLiveConsent = true };

        await Projects.TryCreateProjectAsync(project, Ct);

        AssertSameProject(project, await Projects.GetProjectAsync(project.Id, Ct));
        AssertSameProject(project, await Projects.FindProjectByIngestKeyAsync(project.IngestKey, Ct));
        AssertSameProject(project, (await Projects.ListProjectsAsync(Ct)).SingleOrDefault(p => p.Id == project.Id));
    }

    [Fact]
    public async Task AProjectDoesNotRequireLiveConsentUnlessItSaysSo()
    {
        var project = NewProject();

        await Projects.TryCreateProjectAsync(project, Ct);

        Assert.False((await Projects.GetProjectAsync(project.Id, Ct))!.RequireLiveConsent);
    }

    [Fact]
    public async Task UpdatingAProjectTurnsTheLiveConsentRequirementOnAndOff()
    {
        var project = NewProject();
        await Projects.TryCreateProjectAsync(project, Ct);

        foreach (var required in new[] { true, false })
        {
            await Projects.UpdateProjectAsync(project with { RequireLiveConsent = required }, Ct);

            Assert.Equal(required, (await Projects.GetProjectAsync(project.Id, Ct))!.RequireLiveConsent);
        }
    }

    [Fact]
    public async Task AProjectWithoutAllowedOriginsKeepsAnEmptyList()
    {
        var project = NewProject();
        await Projects.TryCreateProjectAsync(project, Ct);

        Assert.Empty((await Projects.GetProjectAsync(project.Id, Ct))!.AllowedOrigins);
    }

    [Fact]
    public async Task AProjectIsFoundByItsIngestKey()
    {
        var project = NewProject();
        await Projects.TryCreateProjectAsync(project, Ct);
        await Projects.TryCreateProjectAsync(NewProject(), Ct);

        AssertSameProject(project, await Projects.FindProjectByIngestKeyAsync(project.IngestKey, Ct));
        Assert.Null(await Projects.FindProjectByIngestKeyAsync(NewId("key"), Ct));
    }

    [Fact]
    public async Task AnUnknownProjectIsNull()
    {
        Assert.Null(await Projects.GetProjectAsync(NewId("project"), Ct));
    }

    [Fact]
    public async Task CreatingAProjectWithATakenIdReturnsFalseAndKeepsTheFirst()
    {
        var first = NewProject();

        Assert.True(await Projects.TryCreateProjectAsync(first, Ct));
        Assert.False(await Projects.TryCreateProjectAsync(first with { Name = "Other", IngestKey = NewId("key") }, Ct));

        AssertSameProject(first, await Projects.GetProjectAsync(first.Id, Ct));
    }

    [Fact]
    public async Task TwoProjectsCannotShareAnIngestKey()
    {
        var first = NewProject();
        await Projects.TryCreateProjectAsync(first, Ct);
        var second = NewProject() with { IngestKey = first.IngestKey };

        await Assert.ThrowsAsync<StorageConflictException>(() => Projects.TryCreateProjectAsync(second, Ct));

        Assert.Null(await Projects.GetProjectAsync(second.Id, Ct));
    }

    [Fact]
    public async Task UpdatingAProjectChangesItsSettingsButNotItsCreationTime()
    {
        var project = NewProject("https://old.example");
        await Projects.TryCreateProjectAsync(project, Ct);
        var renamed = project with
        {
            Name = "Renamed",
            IngestKey = NewId("key"),
            AllowedOrigins = ["https://new.example"],
            PrivateTraits = ["email", "phone"],
            CreatedAt = At(86_400_000),
        };

        await Projects.UpdateProjectAsync(renamed, Ct);

        AssertSameProject(renamed with { CreatedAt = project.CreatedAt }, await Projects.GetProjectAsync(project.Id, Ct));
        Assert.Null(await Projects.FindProjectByIngestKeyAsync(project.IngestKey, Ct));
    }

    [Fact]
    public async Task UpdatingAnUnknownProjectThrows()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Projects.UpdateProjectAsync(NewProject(), Ct));
    }

    [Fact]
    public async Task EveryCreatedProjectIsListed()
    {
        var projects = new[] { NewProject(), NewProject("https://b.example") };
        foreach (var project in projects)
        {
            await Projects.TryCreateProjectAsync(project, Ct);
        }

        var listed = await Projects.ListProjectsAsync(Ct);

        foreach (var project in projects)
        {
            AssertSameProject(project, listed.SingleOrDefault(p => p.Id == project.Id));
        }
    }

    private static void AssertSameProject(ProjectRecord expected, ProjectRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.AllowedOrigins, actual.AllowedOrigins);
        Assert.Equal(expected.PrivateTraits, actual.PrivateTraits);
        Assert.Equal(expected, actual with { AllowedOrigins = expected.AllowedOrigins, PrivateTraits = expected.PrivateTraits });
    }
}
