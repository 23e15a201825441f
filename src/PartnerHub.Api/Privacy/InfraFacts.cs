using System.Text.RegularExpressions;

namespace PartnerHub.Api.Privacy;

/// <summary>Where the data lives, read from the Bicep in infra/ (so docs/privacy.md changes when the deployment does).</summary>
public sealed partial record InfraFacts(
    string DefaultRegion,
    IReadOnlyList<string> AllowedRegions,
    IReadOnlyList<(string File, string Region)> Environments,
    string BotLocation,
    string StorageReplication,
    int LogRetentionDays)
{
    public static InfraFacts Read(string repositoryRoot)
    {
        var infra = Path.Combine(repositoryRoot, "infra");
        var main = File.ReadAllText(Path.Combine(infra, "main.bicep"));
        var allowed = AllowedLocations().Match(main);
        return new InfraFacts(
            Required(DefaultLocation().Match(main), "param location string = '…' in infra/main.bicep"),
            allowed.Success ? [.. Quoted().Matches(allowed.Groups[1].Value).Select(m => m.Groups[1].Value)] : [],
            [.. Directory.EnumerateFiles(infra, "*.bicepparam").Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), Required(ParamLocation().Match(File.ReadAllText(f)), "param location = '…' in " + f)))],
            Required(BotLocationDefault().Match(main), "param botLocation string = '…' in infra/main.bicep"),
            Required(StorageSku().Match(File.ReadAllText(Path.Combine(infra, "modules", "storage.bicep"))), "sku name in infra/modules/storage.bicep"),
            int.Parse(Required(LogRetention().Match(File.ReadAllText(Path.Combine(infra, "modules", "monitoring.bicep"))), "retentionInDays in infra/modules/monitoring.bicep"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Required(Match match, string what) =>
        match.Success ? match.Groups[1].Value : throw new InvalidDataException("Not found: " + what);

    [GeneratedRegex(@"^param location string = '([a-z0-9]+)'", RegexOptions.Multiline)]
    private static partial Regex DefaultLocation();

    [GeneratedRegex(@"@allowed\(\[([^\]]*)\]\)\s*param location string", RegexOptions.Singleline)]
    private static partial Regex AllowedLocations();

    [GeneratedRegex(@"'([a-z0-9]+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^param location = '([a-z0-9]+)'", RegexOptions.Multiline)]
    private static partial Regex ParamLocation();

    [GeneratedRegex(@"^param botLocation string = '([a-z0-9]+)'", RegexOptions.Multiline)]
    private static partial Regex BotLocationDefault();

    [GeneratedRegex(@"sku:\s*\{[^}]*?name:\s*'([A-Za-z_]+)'", RegexOptions.Singleline)]
    private static partial Regex StorageSku();

    [GeneratedRegex(@"param retentionInDays int = (\d+)")]
    private static partial Regex LogRetention();
}
