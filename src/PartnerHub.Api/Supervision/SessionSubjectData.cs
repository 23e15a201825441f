using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Supervision's part of a subject export: the sessions a person was invited to (through her invitee index), with her
/// answer and whether she came. Sessions hold nothing about the women the mothers help.
/// </summary>
internal sealed class SessionSubjectData(SessionStore sessions) : ISubjectDataSource
{
    /// <summary>Enough for years of weekly sessions; her index is read whole and the sessions by point reads.</summary>
    private const int Max = 2000;

    public IReadOnlyList<string> Covers { get; } =
    [
        SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = session|{id}"),
        SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = session-by-time|{tid}|{id}, session-of|{object id}|{id}, session-event|{Outlook-id}"),
    ];

    public async Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject is not DirectoryPerson person)
        {
            return [];
        }

        var invited = await sessions.ListAsync(person.ProjectId, SessionStore.InviteeIndex(person.ObjectId), Max, cancellationToken);
        var records = new List<SubjectRecord>();
        foreach (var session in invited.Select(s => s.Session))
        {
            var invitee = session.Invitees.FirstOrDefault(i => i.ObjectId == person.ObjectId);
            records.Add(new SubjectRecord(session.Id,
            [
                SubjectField.Text("Title", session.Title),
                SubjectField.Text("Kind", session.Kind.ToString()),
                SubjectField.Instant("Start", session.Start),
                SubjectField.Instant("End", session.End),
                SubjectField.Text("Place", session.IsOnline ? "Teams" : session.Place),
                SubjectField.Person("OrganizerObjectId", session.OrganizerObjectId),
                SubjectField.Text("SessionState", session.State.ToString()),
                SubjectField.Code("Role", invitee?.Role.ToString(), "directory.roles"),
                SubjectField.Text("Rsvp", invitee?.Rsvp.ToString()),
                SubjectField.Instant("RespondedAt", invitee?.RespondedAt),
                SubjectField.Text("Attended", invitee?.Attended?.ToString()),
            ]));
        }

        return [new("sessions", records)];
    }
}
