using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The directory's part of a subject export: a person's entry in the project (role, organisation, first name), and the
/// project's first names, so the export names who read or changed her data.
/// </summary>
internal sealed class DirectorySubjectData(DirectoryStore directory) : ISubjectDataSource, ISubjectNames
{
    public IReadOnlyList<string> Covers { get; } = [SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = member|{object id}")];

    public async Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject is not DirectoryPerson person || await directory.FindMemberAsync(person.ProjectId, person.ObjectId, cancellationToken) is not { } member)
        {
            return [];
        }

        return
        [
            new("member", [new SubjectRecord(member.ObjectId,
            [
                SubjectField.Text("ObjectId", member.ObjectId),
                SubjectField.Text("FirstName", member.FirstName),
                SubjectField.Code("Role", member.Role.ToString(), "directory.roles"),
                SubjectField.Text("OrganisationId", member.OrganisationId),
            ])])
            {
                AuditedAs = [(DirectoryService.RecordType, DirectoryService.MemberRecord(member.ObjectId))],
            },
        ];
    }

    public async Task<IReadOnlyDictionary<string, string>> FirstNamesAsync(string projectId, CancellationToken cancellationToken)
    {
        var members = await directory.MembersAsync(projectId, role: null, cancellationToken);
        return members.GroupBy(m => m.ObjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().FirstName, StringComparer.Ordinal);
    }
}
