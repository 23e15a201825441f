using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// The export as a readable HTML document in the coordinator's language, dates in the house style. Every value,
/// label and name goes through <see cref="HtmlEncoder"/> (markup characters encoded, Danish letters kept readable): no
/// template engine ever sees her text.
/// </summary>
public sealed class SubjectExportHtml(CardCatalog catalog)
{
    private const string Style = "body{font-family:Segoe UI,Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:0 0 1.5em}"
        + "th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f2f2f2;font-weight:600}";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public string Render(SubjectExportContent content, string language)
    {
        ArgumentNullException.ThrowIfNull(content);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(Languages.For(language, null)).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(T(language, "title"))).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(Encode(T(language, "title"))).Append("</h1><p>").Append(Encode(T(language, "intro"))).Append("</p>");

        html.Append("<table>");
        Row(html, T(language, content.Subject switch { ReferredWoman => "subjectReferral", CourseParticipantSubject => "subjectCourseParticipant", _ => "subjectPerson" }), SubjectName(content));
        Row(html, T(language, "project"), content.Subject.ProjectId);
        Row(html, T(language, "exportedAt"), CopenhagenDates.DateAndTime(content.ExportedAt, language));
        Row(html, T(language, "exportedBy"), PersonName(content, content.ExportedBy));
        html.Append("</table>");

        foreach (var section in content.Sections)
        {
            html.Append("<h2>").Append(Encode(T(language, "sections." + section.Name))).Append("</h2>");
            foreach (var record in section.Records)
            {
                html.Append("<table>");
                foreach (var field in record.Fields)
                {
                    Row(html, Label(language, field.Name), Value(content, field, language));
                }

                html.Append("</table>");
            }
        }

        AppendAudit(html, content, language);
        html.Append("<h2>").Append(Encode(T(language, "notExportedTitle"))).Append("</h2><p>").Append(Encode(T(language, "notExportedIntro"))).Append("</p><table>");
        foreach (var (rows, reason) in SubjectRows.NotExported.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            Row(html, rows, reason);
        }

        return html.Append("</table></body></html>").ToString();
    }

    private void AppendAudit(StringBuilder html, SubjectExportContent content, string language)
    {
        html.Append("<h2>").Append(Encode(T(language, "auditTitle"))).Append("</h2>");
        if (content.Audit.Count == 0)
        {
            html.Append("<p>").Append(Encode(T(language, "auditNone"))).Append("</p>");
            return;
        }

        html.Append("<table><tr>");
        foreach (var heading in new[] { "auditAt", "auditActor", "auditAction", "auditRecord", "auditAllowed" })
        {
            html.Append("<th>").Append(Encode(T(language, heading))).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var entry in content.Audit)
        {
            html.Append("<tr>");
            foreach (var cell in new[]
            {
                CopenhagenDates.DateAndTime(entry.At, language),
                PersonName(content, entry.Actor),
                entry.Action,
                entry.RecordType + " " + entry.RecordId,
                T(language, entry.Allowed ? "yes" : "no"),
            })
            {
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static string SubjectName(SubjectExportContent content) => content.Subject switch
    {
        ReferredWoman woman => "H-" + woman.ReferralId[..Math.Min(4, woman.ReferralId.Length)].ToUpperInvariant() + " (" + woman.ReferralId + ")",
        DirectoryPerson person => PersonName(content, person.ObjectId),
        CourseParticipantSubject participant => participant.CohortId + " / " + participant.ParticipantId,
        _ => string.Empty,
    };

    private static string PersonName(SubjectExportContent content, string objectId) =>
        content.Names.TryGetValue(objectId, out var name) ? name + " (" + objectId + ")" : objectId;

    private string Value(SubjectExportContent content, SubjectField field, string language)
    {
        if (field.Value is not { Length: > 0 } value)
        {
            return T(language, "noValue");
        }

        return field.Kind switch
        {
            SubjectValueKind.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => CopenhagenDates.Date(date, language),
            SubjectValueKind.Instant when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) => CopenhagenDates.DateAndTime(at, language),
            SubjectValueKind.PersonId => PersonName(content, value),
            _ when field.Group is { } group => string.Join(", ", value.Split(", ").Select(code => Lookup(language, group + "." + code) ?? code)),
            _ => value,
        };
    }

    /// <summary>A code in people's words from the strings the cards use; null when the strings have none for it.</summary>
    private string? Lookup(string language, string dottedPath)
    {
        try
        {
            return catalog.Text(language, dottedPath);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A field's label from the strings; the field's name in the code when none is written yet (never a missing value).</summary>
    private string Label(string language, string name) => Lookup(language, "subjectExport.fields." + name) ?? name;

    private string T(string language, string key) => catalog.Text(language, "subjectExport." + key);

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Encode(string text) => Encoder.Encode(text);
}
