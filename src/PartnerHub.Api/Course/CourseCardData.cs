using PartnerHub.Api.Partners;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// Everything a course card is drawn from: the cohort, its bookings (every state) and attendance, the project's
/// settings (its theme catalogue) and the directory's members for display names. Read with keyed queries only.
/// </summary>
public sealed record CourseCardData(
    Project Project,
    StoredCohort Cohort,
    IReadOnlyList<StoredBooking> Bookings,
    AttendanceRegister Attendance,
    CourseSettings Settings,
    IReadOnlyDictionary<string, ProjectMember> Members)
{
    public IReadOnlyList<TeacherBooking> AllBookings => [.. Bookings.Select(b => b.Booking)];

    public TeacherBooking? Booking(string? bookingId) =>
        Bookings.Select(b => b.Booking).FirstOrDefault(b => string.Equals(b.Id, bookingId, StringComparison.Ordinal));

    /// <summary>A member's first name as the directory has it; "–" for someone no longer in it.</summary>
    public string NameOf(string? objectId) => objectId is not null && Members.TryGetValue(objectId, out var member) ? member.FirstName : "–";
}

public sealed class CourseCardReader(CourseStore course, CourseSettingsStore settings, ProjectStore projects, DirectoryStore directory)
{
    /// <summary>The cohort's card data, or null when the project or the cohort does not exist (any more).</summary>
    public async Task<CourseCardData?> ReadAsync(string projectId, string cohortId, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(projectId, cancellationToken);
        var cohort = project is null ? null : await course.FindCohortAsync(projectId, cohortId, cancellationToken);
        if (project is null || cohort is null)
        {
            return null;
        }

        return await ReadAsync(project, cohort, cancellationToken);
    }

    /// <summary>
    /// A booking's card data right after a change to it, from what the change read and wrote: the booking as written,
    /// the cohort and the settings as remembered (<see cref="CourseStore.RememberedCohortAsync"/>,
    /// <see cref="CourseSettingsStore.RememberedAsync"/>), no attendance (a booking's card shows none). Null when the
    /// project or the cohort is gone.
    /// </summary>
    public async Task<CourseCardData?> ForBookingAsync(string projectId, StoredBooking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var project = await projects.FindAsync(projectId, cancellationToken);
        var cohort = project is null ? null : await course.RememberedCohortAsync(projectId, booking.Booking.CohortId, cancellationToken);
        if (project is null || cohort is null)
        {
            return null;
        }

        var stored = await settings.RememberedAsync(projectId, cancellationToken);
        var members = (await directory.MembersAsync(projectId, null, cancellationToken)).ToDictionary(m => m.ObjectId, StringComparer.Ordinal);
        return new CourseCardData(project, cohort, [booking], AttendanceRegister.Empty, stored, members);
    }

    /// <summary>The card data of a project and cohort the caller has just read: the rest, by keyed reads.</summary>
    public async Task<CourseCardData> ReadAsync(Project project, StoredCohort cohort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(cohort);
        var (projectId, cohortId) = (project.Id, cohort.Cohort.Id);
        var bookings = await course.BookingsAsync(projectId, cohortId, cancellationToken);
        var attendance = await course.AttendanceAsync(projectId, cohortId, cancellationToken);
        var stored = await settings.GetAsync(projectId, cancellationToken);
        var members = (await directory.MembersAsync(projectId, null, cancellationToken)).ToDictionary(m => m.ObjectId, StringComparer.Ordinal);
        return new CourseCardData(project, cohort, bookings, attendance.Register, stored.Settings, members);
    }
}
