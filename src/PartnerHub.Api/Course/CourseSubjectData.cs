using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Course;

/// <summary>
/// The course's part of a subject export: a teacher's bookings, and a participant's place on a cohort (the name she is
/// listed by) with her attendance marks. Read through her index rows, then point reads.
/// </summary>
internal sealed class CourseSubjectData(CourseStore course) : ISubjectDataSource
{
    private const string Project = "PartitionKey = projekt-id; ";

    public IReadOnlyList<string> Covers { get; } =
    [
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-booking|{hold}|{booking}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-staffed|{hold}|{gang}, course-teacher|{underviserens object id}|…, course-participant|{object id}|{hold}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course|{hold}"),
        SubjectRows.Of(TableNames.Main, Project + "RowKey = course-attendance|{hold}|{gang}"),
    ];

    public async Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject is not DirectoryPerson person)
        {
            return [];
        }

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
            if (await course.FindCohortAsync(person.ProjectId, cohortId, cancellationToken) is not { Cohort: var cohort }
                || cohort.Participants.FirstOrDefault(p => p.ObjectId == person.ObjectId) is not { } participant)
            {
                continue;
            }

            var attendance = await course.AttendanceAsync(person.ProjectId, cohortId, cancellationToken);
            places.Add(new SubjectRecord(cohortId,
            [
                SubjectField.Text("ParticipantName", participant.Name),
                SubjectField.List("Attendance", attendance.Register.Of(participant.Id).Select(e => e.SessionId + ": " + e.Mark)),
            ]));
        }

        return [taught, new SubjectSection("courses", places)];
    }
}
