using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;

using PartnerHub.Tests.Shared;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>One template × data pair to prove against the npm engines.</summary>
public sealed record ConformanceCase(string Id, JsonNode Template, JsonNode? Data, bool Validate);

/// <summary>
/// Collects every case (Cases/ and the repo's cards/ × samples × languages), expands them all with the npm referee
/// in one node process, and caches the results for the theory rows.
/// </summary>
internal static class Referee
{
    /// <summary>The case's template parsed, or null when parsing rejects it (then there is nothing to expand).</summary>
    public static CardTemplate? ParsedOrRejected(ConformanceCase c)
    {
        try
        {
            return CardTemplate.Parse(c.Template.ToJsonString());
        }
        catch (CardTemplateException)
        {
            return null;
        }
    }

    private static readonly Lazy<IReadOnlyDictionary<string, ConformanceCase>> LazyCases = new(LoadCases);
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> LazyResults = new(RunReferee);

    public static string RepoRoot => RepositoryRoot.FullName;

    public static string NodeDir => Path.Combine(RepoRoot, "tools", "node");

    public static IReadOnlyDictionary<string, ConformanceCase> Cases => LazyCases.Value;

    public static IReadOnlyDictionary<string, JsonObject> Results => LazyResults.Value;

    private static SortedDictionary<string, ConformanceCase> LoadCases()
    {
        var cases = new SortedDictionary<string, ConformanceCase>(StringComparer.Ordinal);
        var caseDir = Path.Combine(RepoRoot, "tests", "PartnerHub.Teams.Tests", "Cards", "Cases");
        foreach (var file in Directory.EnumerateFiles(caseDir, "*.json"))
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var id = "case:" + Path.GetFileNameWithoutExtension(file);
            cases[id] = new ConformanceCase(id, json["template"]!, json["data"], json["validate"]?.GetValue<bool>() ?? false);
        }

        var cardDir = Path.Combine(RepoRoot, "cards");
        if (Directory.Exists(cardDir))
        {
            // CardCatalog gives us the exact strings merge production uses.
            var catalog = CardCatalog.Load(cardDir);
            var sampleDir = Path.Combine(cardDir, "samples");
            foreach (var cardFile in Directory.EnumerateFiles(cardDir, "*.card.json"))
            {
                var card = Path.GetFileName(cardFile)[..^".card.json".Length];
                var template = JsonNode.Parse(File.ReadAllText(cardFile))!;
                var samples = Directory.Exists(sampleDir) ? Directory.EnumerateFiles(sampleDir, card + ".*.json") : [];
                foreach (var sampleFile in samples)
                {
                    var sample = Path.GetFileName(sampleFile)[(card.Length + 1)..^".json".Length];
                    if (sample.Contains('.', StringComparison.Ordinal))
                    {
                        continue; // belongs to a card whose name extends this one's
                    }

                    var data = JsonNode.Parse(File.ReadAllText(sampleFile))!.AsObject();
                    foreach (var language in new[] { "da", "en" })
                    {
                        var id = $"card:{card}.{sample}.{language}";
                        cases[id] = new ConformanceCase(id, template, catalog.DataFor(InLanguage(data, sampleFile, language), language), true);
                    }
                }
            }
        }

        return cases;
    }

    /// <summary>
    /// A sample is the data the server sends a Danish reader; <c>samples/{language}/{same name}</c>, when present, holds
    /// what it writes differently for that language (dates, times and the sentences around them), merged over it.
    /// </summary>
    private static JsonObject InLanguage(JsonObject data, string sampleFile, string language)
    {
        var overlay = Path.Combine(Path.GetDirectoryName(sampleFile)!, language, Path.GetFileName(sampleFile));
        return File.Exists(overlay) ? (JsonObject)Overlay(data, JsonNode.Parse(File.ReadAllText(overlay)))! : data;
    }

    /// <summary>Objects merge key by key, arrays item by item (<c>{}</c> keeps an item), anything else replaces.</summary>
    private static JsonNode? Overlay(JsonNode? under, JsonNode? over)
    {
        switch (under, over)
        {
            case (JsonObject u, JsonObject o):
                var merged = u.DeepClone().AsObject();
                foreach (var (key, value) in o)
                {
                    merged[key] = Overlay(u[key], value);
                }

                return merged;
            case (JsonArray u, JsonArray o):
                return new JsonArray([.. u.Select((item, i) => i < o.Count ? Overlay(item, o[i]) : item?.DeepClone())]);
            default:
                return over?.DeepClone();
        }
    }

    private static Dictionary<string, JsonObject> RunReferee()
    {
        if (!Directory.Exists(Path.Combine(NodeDir, "node_modules", "adaptivecards-templating")))
        {
            throw new InvalidOperationException(
                "tools/node/node_modules is missing: run the test command in src/PartnerHub.Teams/Cards/README.md (npm ci in tools/node first).");
        }

        var work = Path.Combine(Path.GetTempPath(), "partnerhub-cards-" + Guid.NewGuid().ToString("N"));
        var input = Path.Combine(work, "in");
        var output = Path.Combine(work, "out");
        Directory.CreateDirectory(input);
        var fileFor = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var c in Cases.Values)
        {
            var file = $"{n++:D4}.json";
            fileFor[c.Id] = file;
            File.WriteAllText(Path.Combine(input, file), new JsonObject { ["template"] = c.Template.DeepClone(), ["data"] = c.Data?.DeepClone() }.ToJsonString());
        }

        RunNode(Path.Combine(NodeDir, "cards", "referee.js"), input, output);
        var results = fileFor.ToDictionary(p => p.Key, p => JsonNode.Parse(File.ReadAllText(Path.Combine(output, p.Value)))!.AsObject(), StringComparer.Ordinal);
        Directory.Delete(work, true);
        return results;
    }

    public static void RunNode(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = NodeDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(true);
            throw new TimeoutException(script + " timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }

    /// <summary>Order-insensitive for object keys; exact for arrays and values (numbers compared as doubles).</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case null:
                return actual is null ? null : $"{path}: expected null, got {actual.ToJsonString()}";
            case JsonObject eo:
                if (actual is not JsonObject ao)
                {
                    return $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}";
                }

                foreach (var (key, value) in eo)
                {
                    if (!ao.ContainsKey(key))
                    {
                        return $"{path}.{key}: missing in ours";
                    }

                    var d = FirstDifference(value, ao[key], $"{path}.{key}");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                var extra = ao.Select(p => p.Key).FirstOrDefault(k => !eo.ContainsKey(k));
                return extra is null ? null : $"{path}.{extra}: extra in ours";
            case JsonArray ea:
                if (actual is not JsonArray aa || aa.Count != ea.Count)
                {
                    return $"{path}: expected {ea.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    var d = FirstDifference(ea[i], aa[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            default:
                var ev = expected.AsValue();
                if (actual is not JsonValue av || ev.GetValueKind() != av.GetValueKind())
                {
                    return $"{path}: expected {ev.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
                }

                var same = ev.GetValueKind() == JsonValueKind.Number
                    ? ev.GetValue<double>() == av.GetValue<double>()
                    : ev.ToJsonString() == av.ToJsonString();
                return same ? null : $"{path}: expected {ev.ToJsonString()}, got {av.ToJsonString()}";
        }
    }
}
