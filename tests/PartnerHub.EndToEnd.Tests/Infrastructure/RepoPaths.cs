namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository, its node tools and the test artifacts are, found from the test binary.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string NodeModules => Path.Combine(Root, "tools", "node", "node_modules");

    /// <summary>artifacts/e2e at the repo root (gitignored): screenshots and process logs to read after a failure.</summary>
    public static string Artifacts
    {
        get
        {
            var directory = Path.Combine(Root, "artifacts", "e2e");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No PartnerHub.sln above {AppContext.BaseDirectory}.");
    }
}
