namespace SessionKit.Bench.Hosting;

/// <summary>The repository (found upwards from the build output) and the shared fixtures beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ReleaseServerAssembly =>
        Path.Combine(Root, "src", "Api", "bin", "Release", "net10.0", "SessionKit.Api.dll");

    /// <summary>../shared/fixtures/recordings beside the repository (SESSIONKIT_FIXTURES overrides, as in the tests).</summary>
    public static string Recordings =>
        Environment.GetEnvironmentVariable("SESSIONKIT_FIXTURES") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "recordings"));

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SessionKit.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SessionKit.sln not found above " + AppContext.BaseDirectory);
    }
}
