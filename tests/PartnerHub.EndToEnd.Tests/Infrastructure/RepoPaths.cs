using PartnerHub.Tests.Shared;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository, its node tools and the test artifacts are, found from the test binary.</summary>
public static class RepoPaths
{
    public static string Root => RepositoryRoot.FullName;

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
}
