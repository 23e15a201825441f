using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// The course's part of a subject export: a teacher's bookings; a participant's place on a cohort (the name she is
/// listed by) with her attendance marks and her certificate, found through her account's index rows for a person of
/// the directory, or named by cohort and participant id for a woman on the list only. Point reads and prefix queries.
/// </summary>
internal sealed class CourseSubjectData(CourseStore course, CertificateStore certificates) : ISubjectDataSource
{
    private const string Project = "PartitionKey = projekt-id; ";

    public IReadOnlyList<string> Covers { get; } =
    [
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-booking|{hold}|{booking}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-staffed|{hold}|{gang}, course-teacher|{underviserens object id}|…, course-participant|{object id}|{hold}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course|{hold}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-attendance|{hold}|{gang}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-certificate|{hold}|{deltager}"),
    ];

    public Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken) => subject switch
    {
        DirectoryPerson person => PersonAsync(person, cancellationToken),
        CourseParticipantSubject participant => ParticipantAsync(participant, cancellationToken),
        _ => Task.FromResult<IReadOnlyList<SubjectSection>>([]),
    };

    private async Task<IReadOnlyList<SubjectSection>> PersonAsync(DirectoryPerson person, CancellationToken cancellationToken)
    {
        var bookings = await course.BookingsOfTeacherAsync(person.ProjectId, person.ObjectId, cancellationToken);
        var taught = new SubjectSection("bookings", [.. bookings.Select(b => b.Booking).OrderBy(b => b.Start).Select(b => new SubjectRecord(b.Id,
        [
            SubjectField.Text("CohortId", b.CohortId),
            SubjectField.Text("SessionId", b.SessionId),
            SubjectField.Instant("Start", b.Start),
            SubjectField.Instant("End", b.End),
            SubjectField.Text("BookingState", b.State.ToString()),
        ]))]);

        var places = new List<SubjectRecord>();
        foreach (var cohortId in await course.CohortsOfParticipantAsync(person.ProjectId, person.ObjectId, cancellationToken))
        {
            if (await PlaceAsync(person.ProjectId, cohortId, p => p.ObjectId == person.ObjectId, cancellationToken) is { } place)
            {
                places.Add(place);
            }
        }

        return [taught, new SubjectSection("courses", places)];
    }

    private async Task<IReadOnlyList<SubjectSection>> ParticipantAsync(CourseParticipantSubject her, CancellationToken cancellationToken)
    {
        if (await PlaceAsync(her.ProjectId, her.CohortId, p => p.Id == her.ParticipantId, cancellationToken) is not { } place)
        {
            return [];
        }

        // Who changed her list is in the cohort's record (the subject's own); who opened her certificate link in its own.
        return [new SubjectSection("courses", [place]) { AuditedAs = [(CourseDownloadEndpoints.CertificateRecord, CourseDownloadEndpoints.CertificateRecordId(her.CohortId, her.ParticipantId))] }];
    }

    /// <summary>Her entry on one cohort's list: the name she is listed by, her account, her marks and her certificate.</summary>
    private async Task<SubjectRecord?> PlaceAsync(string projectId, string cohortId, Func<CourseParticipant, bool> isHer, CancellationToken cancellationToken)
    {
        if (await course.FindCohortAsync(projectId, cohortId, cancellationToken) is not { Cohort: var cohort }
            || cohort.Participants.FirstOrDefault(isHer) is not { } participant)
        {
            return null;
        }

        var attendance = await course.AttendanceAsync(projectId, cohortId, cancellationToken);
        var certificate = await certificates.FindAsync(projectId, cohortId, participant.Id, cancellationToken);
        return new SubjectRecord(cohortId,
        [
            SubjectField.Text("ParticipantName", participant.Name),
            SubjectField.Person("ObjectId", participant.ObjectId),
            SubjectField.List("Attendance", attendance.Register.Of(participant.Id).Select(e => e.SessionId + ": " + e.Mark)),
            SubjectField.Instant("CertificateIssuedAt", certificate?.IssuedAt),
            SubjectField.Text("CertificateSignedBy", certificate?.SignedBy),
            SubjectField.Instant("ErasedAt", participant.ErasedAt),
        ]);
    }
}
