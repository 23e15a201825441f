using System.Globalization;
using System.Text;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>docs/privacy.md's "Berigtigelse / Rectification" section, from the features' declarations (<see cref="Rectification"/>).</summary>
public static class RectificationSection
{
    public static string Render()
    {
        var text = new StringBuilder();
        var fields = Rectification.Fields();
        text.AppendLine("## Berigtigelse / Rectification");
        text.AppendLine();
        text.AppendLine("Hvordan hvert personfelt i dataoversigten rettes, hvis det er forkert (databeskyttelsesforordningens art. 16): hvor");
        text.AppendLine("det rettes, og hvem der må. Hver rettelse sker med versionskontrol (ETag) og skrives i revisionssporet med hvem,");
        text.AppendLine("hvornår og hvilken post. Felter, der ikke rettes, står med begrundelsen; felter uden en vej endnu står som mangler.");
        text.AppendLine("En test fejler, når et personfelt i dataoversigten ikke står her.");
        text.AppendLine();
        text.AppendLine("| Række | Felter | Rettes sådan | Hvor | Hvem |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        // Fields of one row sharing a way share a line, in the order they were declared.
        foreach (var group in fields.GroupBy(f => (f.Store, f.Row, f.Way)))
        {
            var names = string.Join(", ", group.Select(f => $"`{Escape(f.Field)}`"));
            var row = $"`{group.Key.Store}`: `{Escape(group.Key.Row)}`";
            text.AppendLine(group.Key.Way switch
            {
                CorrectedThrough through => string.Create(CultureInfo.InvariantCulture, $"| {row} | {names} | {Escape(through.How)} | `{through.Surface}` | {string.Join(", ", through.Roles.Select(RoleName))} |"),
                NotCorrectable not => $"| {row} | {names} | Rettes ikke: {Escape(not.Why)} | – | – |",
                NoPathYet gap => $"| {row} | {names} | **Mangler**: {Escape(gap.Why)} | – | – |",
                _ => throw new InvalidOperationException("Unknown way of rectification."),
            });
        }

        var gaps = fields.Where(f => f.Way is NoPathYet).Select(f => f.Field).Distinct().Count();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{fields.Select(f => (f.Store, f.Row, f.Field)).Distinct().Count()} personfelter; {gaps} mangler endnu en vej til rettelse.");
        text.AppendLine();
        return text.ToString();
    }

    private static string RoleName(AccessRole role) => role switch
    {
        AccessRole.Coordinator => "koordinator",
        AccessRole.NeighbourhoodMother => "nabomor",
        AccessRole.PartnerStaff => "partnermedarbejder",
        AccessRole.Teacher => "underviser",
        AccessRole.Administrator => "administrator",
        AccessRole.ProgrammeLead => "programleder",
        _ => role.ToString(),
    };

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
