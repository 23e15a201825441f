extern alias api;

using api::PartnerHub.Api.Privacy;

// Writes docs/privacy.md from the code: `PrivacyDoc [repository root]`, or `PrivacyDoc --check [root]` to only compare
// (exit 1 when the committed document differs).
var check = args.Contains("--check");
var root = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? FindRoot());
var path = Path.Combine(root, PrivacyDocument.RelativePath);
var generated = PrivacyDocument.Render(InfraFacts.Read(root));
var current = File.Exists(path) ? File.ReadAllText(path) : null;
if (check)
{
    Console.Error.WriteLine(current == generated ? "docs/privacy.md is up to date." : "docs/privacy.md differs from the code: run scripts/privacy-doc.sh");
    return current == generated ? 0 : 1;
}

File.WriteAllText(path, generated);
Console.Error.WriteLine(current == generated ? "docs/privacy.md unchanged." : "docs/privacy.md written.");
return 0;

static string FindRoot()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "PartnerHub.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("PartnerHub.sln not found above the current directory: pass the repository root.");
}
