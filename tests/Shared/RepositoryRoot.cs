namespace PartnerHub.Tests.Shared;

/// <summary>The folder holding PartnerHub.sln, found by walking up from the test binaries: cards, tools and artifacts are found from it.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string FullName => Root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"PartnerHub.sln not found above {AppContext.BaseDirectory}.");
    }
}
