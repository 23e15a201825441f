using System.Text.RegularExpressions;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// The columns each store file of src/PartnerHub.Api writes, read from its source: <c>["Name"] = …</c> and
/// <c>[SomeColumn] = …</c> where <c>SomeColumn</c> is a string constant. Column names are PascalCase in this code
/// base; camelCase keys are card data and are left out. Columns named at run time (the report's counters) are not seen
/// here and are declared with a wildcard.
/// </summary>
internal static partial class StoredSource
{
    public static string ApiFolder { get; } = Path.Combine(RepositoryRoot.FullName, "src", "PartnerHub.Api");

    /// <summary>Relative path ("Referrals/ReferralEntity.cs") → columns written there, for every file that builds table entities.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ColumnsByFile { get; } = Read();

    private static Dictionary<string, IReadOnlySet<string>> Read()
    {
        var files = Directory.EnumerateFiles(ApiFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(ApiFolder, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);
        var constants = files.Values
            .SelectMany(text => Constant().Matches(text))
            .GroupBy(m => m.Groups[1].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups[2].Value).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (path, text) in files.Where(f => f.Value.Contains("TableEntity", StringComparison.Ordinal)))
        {
            var columns = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in Indexer().Matches(text))
            {
                if (m.Groups[1].Success)
                {
                    columns.Add(m.Groups[1].Value);
                }
                else if (constants.TryGetValue(m.Groups[2].Value.Split('.')[^1], out var values))
                {
                    columns.UnionWith(values);
                }
            }

            columns.RemoveWhere(c => !char.IsUpper(c[0]));
            if (columns.Count > 0)
            {
                result[path] = columns;
            }
        }

        return result;
    }

    [GeneratedRegex("""const string (\w+) = "([A-Za-z_]\w*)";""")]
    private static partial Regex Constant();

    [GeneratedRegex("""\[\s*(?:"([A-Za-z_]\w*)"|([A-Za-z_][\w.]*))\s*\]\s*=(?!=)""")]
    private static partial Regex Indexer();
}
