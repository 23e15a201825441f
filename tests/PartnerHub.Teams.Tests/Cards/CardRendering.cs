using System.Text.Json;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>One problem the renderer measured: a cut-off text or a missing glyph, at one card width.</summary>
public sealed record RenderFinding(string Card, int Width, string Kind, string What, string Text, string Detail);

/// <summary>
/// Renders every validated case once with tools/node/cards/render.js (official renderer, chromium, Teams widths):
/// the product's cards (card-*) to artifacts/cards/png, the templating test cases to artifacts/cards/cases.
/// </summary>
internal static class CardRendering
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<(IReadOnlyList<(string Name, string PngDir)> Rendered, IReadOnlyList<RenderFinding> Report)> Result = new(Render);

    public static IReadOnlyList<(string Name, string PngDir)> Rendered => Result.Value.Rendered;

    public static IReadOnlyList<RenderFinding> Report => Result.Value.Report;

    private static (IReadOnlyList<(string, string)>, IReadOnlyList<RenderFinding>) Render()
    {
        var cards = Path.Combine(Referee.RepoRoot, "artifacts", "cards");
        var sets = new[] { ("card-", "png"), ("case-", "cases") };
        foreach (var dir in new[] { "json", "png", "cases" })
        {
            var full = Path.Combine(cards, dir);
            if (Directory.Exists(full))
            {
                Directory.Delete(full, true);
            }
        }

        var rendered = new List<(string, string)>();
        foreach (var c in Referee.Cases.Values.Where(c => c.Validate))
        {
            var name = c.Id.Replace(':', '-');
            var set = sets.Single(s => name.StartsWith(s.Item1, StringComparison.Ordinal)).Item2;
            var jsonDir = Directory.CreateDirectory(Path.Combine(cards, "json", set)).FullName;
            File.WriteAllText(Path.Combine(jsonDir, name + ".json"), CardTemplate.Parse(c.Template.ToJsonString()).Expand(c.Data).ToJsonString(Pretty));
            rendered.Add((name, Path.Combine(cards, set)));
        }

        var report = Path.Combine(cards, "render-report.json");
        var args = new List<string> { report };
        foreach (var set in sets.Select(s => s.Item2).Where(s => Directory.Exists(Path.Combine(cards, "json", s))))
        {
            args.Add(Path.Combine(cards, "json", set));
            args.Add(Path.Combine(cards, set));
        }

        Referee.RunNode(Path.Combine(Referee.NodeDir, "cards", "render.js"), [.. args]);
        var findings = JsonSerializer.Deserialize<List<RenderFinding>>(File.ReadAllText(report), Web) ?? [];
        return (rendered, findings);
    }
}
