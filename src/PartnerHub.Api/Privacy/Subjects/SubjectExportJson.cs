using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>The export as a JSON file: the values as stored (ISO dates, object ids with names beside them), for a machine or a successor system.</summary>
public static class SubjectExportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static byte[] Render(SubjectExportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (_, recordId) = content.Subject.AuditRecord;
        var document = new JsonObject
        {
            ["subject"] = new JsonObject
            {
                ["kind"] = content.Subject switch
                {
                    ReferredWoman => "referral",
                    CourseParticipantSubject => "course-participant",
                    _ => "person",
                },
                ["projectId"] = content.Subject.ProjectId,
                ["id"] = content.Subject switch
                {
                    ReferredWoman woman => woman.ReferralId,
                    DirectoryPerson person => person.ObjectId,
                    CourseParticipantSubject participant => participant.CohortId + "|" + participant.ParticipantId,
                    _ => recordId,
                },
            },
            ["exportedAt"] = Instant(content.ExportedAt),
            ["exportedBy"] = Person(content, content.ExportedBy),
            ["sections"] = new JsonArray([.. content.Sections.Select(s => (JsonNode)Section(s, content))]),
            ["audit"] = new JsonArray([.. content.Audit.Select(e => (JsonNode)new JsonObject
            {
                ["at"] = Instant(e.At),
                ["actor"] = Person(content, e.Actor),
                ["action"] = e.Action,
                ["recordType"] = e.RecordType,
                ["recordId"] = e.RecordId,
                ["allowed"] = e.Allowed,
            })]),
            ["notExported"] = new JsonArray([.. SubjectRows.NotExported.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (JsonNode)new JsonObject
            {
                ["rows"] = n.Key,
                ["reason"] = n.Value,
            })]),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Indented);
    }

    private static JsonObject Section(SubjectSection section, SubjectExportContent content) => new()
    {
        ["name"] = section.Name,
        ["records"] = new JsonArray([.. section.Records.Select(r =>
        {
            var fields = new JsonObject();
            foreach (var field in r.Fields)
            {
                fields[field.Name] = field.Kind == SubjectValueKind.PersonId && field.Value is { } id ? Person(content, id) : field.Value;
            }

            return (JsonNode)new JsonObject { ["id"] = r.Id, ["fields"] = fields };
        })]),
    };

    private static JsonObject Person(SubjectExportContent content, string objectId) => new()
    {
        ["objectId"] = objectId,
        ["name"] = content.Names.TryGetValue(objectId, out var name) ? name : null,
    };

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
}
