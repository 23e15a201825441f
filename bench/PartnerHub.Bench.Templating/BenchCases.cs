using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Bench.Templating;

/// <summary>One realistic card with the data the Api sends a Danish reader (a sample from cards/samples/).</summary>
public sealed record BenchCase(string Id, string Card, string Language, string TemplateJson, CardTemplate Template, JsonObject Sample, JsonObject Data);

/// <summary>The cards the benchmark expands: the coordinator's referral card, the referrer's status card and help.</summary>
public static class BenchCases
{
    /// <summary>(card, sample): the triage card is what a coordinator's <c>referral.refresh</c> answers with.</summary>
    public static readonly IReadOnlyList<(string Card, string Sample)> Chosen =
    [
        ("referral-triage", "assigned"),
        ("referral-status", "assigned"),
        ("help", "default"),
    ];

    private static readonly Lazy<Loaded> Cache = new(() => Load(RepositoryRoot()));

    public static CardCatalog Catalog => Cache.Value.Catalog;

    public static IReadOnlyList<BenchCase> All => Cache.Value.Cases;

    public static IEnumerable<string> Ids => Chosen.Select(c => $"{c.Card}.{c.Sample}");

    public static BenchCase Get(string id) => All.Single(c => c.Id == id);

    /// <summary>The folder holding PartnerHub.sln, found upwards from the running binary.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PartnerHub.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>What node gets: the template, the sample, the strings and the merged data, per case.</summary>
    public static JsonArray ForNode() =>
    [
        .. All.Select(c => new JsonObject
        {
            ["id"] = c.Id,
            ["template"] = JsonNode.Parse(c.TemplateJson),
            ["sample"] = c.Sample.DeepClone(),
            ["strings"] = c.Data["strings"]!.DeepClone(),
            ["data"] = c.Data.DeepClone(),
        }),
    ];

    /// <summary>
    /// The same JSON as nodes built in C# (JsonValue.Create), as the Api builds card data, rather than nodes still
    /// backed by parsed text, whose every string read allocates the string anew.
    /// </summary>
    public static JsonNode? Built(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Built(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Built)]),
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
            System.Text.Json.JsonValueKind.Number => v.TryGetValue<long>(out var l) ? JsonValue.Create(l) : JsonValue.Create(v.GetValue<double>()),
            System.Text.Json.JsonValueKind.True => JsonValue.Create(true),
            System.Text.Json.JsonValueKind.False => JsonValue.Create(false),
            _ => null,
        },
        _ => null,
    };

    private sealed record Loaded(CardCatalog Catalog, IReadOnlyList<BenchCase> Cases);

    private static Loaded Load(string root)
    {
        var cards = Path.Combine(root, "cards");
        var catalog = CardCatalog.Load(cards);
        var cases = new List<BenchCase>();
        foreach (var (card, sample) in Chosen)
        {
            var templateJson = File.ReadAllText(Path.Combine(cards, card + ".card.json"));
            var data = Built(JsonNode.Parse(File.ReadAllText(Path.Combine(cards, "samples", $"{card}.{sample}.json"))))!.AsObject();
            cases.Add(new BenchCase($"{card}.{sample}", card, "da", templateJson, CardTemplate.Parse(templateJson), data, Built(catalog.DataFor(data, "da"))!.AsObject()));
        }

        return new Loaded(catalog, cases);
    }
}
