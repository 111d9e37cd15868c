namespace SessionKit.Testing;

/// <summary>Finds the repository and the shared fixtures beside it, from wherever the tests run.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/fixtures/recordings beside the repository (SESSIONKIT_FIXTURES overrides).</summary>
    public static string Recordings =>
        Environment.GetEnvironmentVariable("SESSIONKIT_FIXTURES") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "recordings"));

    public static string NewTempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "sessionkit-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SessionKit.sln not found above " + AppContext.BaseDirectory);
    }
}
