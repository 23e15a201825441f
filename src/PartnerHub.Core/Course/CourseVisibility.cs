namespace PartnerHub.Core.Course;

/// <summary>What of a course a view may carry.</summary>
public enum CourseField
{
    /// <summary>The sessions' dates, times, place and themes (no teacher names, no one's attendance).</summary>
    Plan,

    /// <summary>Every session's booking state and teacher (booked, awaiting answer, counter-proposed, open).</summary>
    Bookings,

    /// <summary>Her own bookings only: theme, date, time, place, group size and the coordinator's note.</summary>
    OwnBookings,

    /// <summary>How many women are in the cohort (a number, no names).</summary>
    GroupSize,

    /// <summary>The participants' names.</summary>
    Participants,

    /// <summary>Everyone's attendance.</summary>
    Attendance,

    /// <summary>Her own attendance only.</summary>
    OwnAttendance,

    /// <summary>Every certificate.</summary>
    Certificates,

    /// <summary>Her own certificate only.</summary>
    OwnCertificate,
}

/// <summary>Which view a person gets of a cohort.</summary>
public enum CourseViewKind
{
    None,
    Participant,
    Teacher,
    Coordinator,
}

/// <summary>What a course view offers beyond showing.</summary>
public enum CourseAction
{
    EditPlan,
    RecordAttendance,
    BookTeacher,
    IssueCertificates,
}

/// <summary>One person's view of one cohort: what it shows and what she may do from it.</summary>
public sealed record CourseView(CourseViewKind Kind, IReadOnlySet<CourseField> Fields, IReadOnlySet<CourseAction> Actions)
{
    public static readonly CourseView None = new(CourseViewKind.None, new HashSet<CourseField>(), new HashSet<CourseAction>());

    public bool Shows(CourseField field) => Fields.Contains(field);

    public bool Allows(CourseAction action) => Actions.Contains(action);
}

/// <summary>
/// Who sees which field of a course: the one rule the cards, the tab and REST all project, as
/// <see cref="Referrals.ReferralVisibility"/> is for referrals. The coordinator of the project sees and does
/// everything. A teacher with a booking in the cohort sees her own bookings (what she needs to teach: theme, date,
/// time, place, group size, the note), never the participants, attendance, or anything of referrals (referral views
/// give a teacher nothing: <see cref="Referrals.ReferralAccess"/>). A participant sees the plan (when to come), her
/// own attendance and her own certificate. Other teachers, neighbourhood mothers and partner staff: nothing.
/// </summary>
public static class CourseVisibility
{
    private static readonly CourseField[] CoordinatorFields =
    [
        CourseField.Plan, CourseField.Bookings, CourseField.GroupSize, CourseField.Participants, CourseField.Attendance, CourseField.Certificates,
    ];

    private static readonly CourseField[] TeacherFields = [CourseField.OwnBookings, CourseField.GroupSize];

    private static readonly CourseField[] ParticipantFields = [CourseField.Plan, CourseField.OwnAttendance, CourseField.OwnCertificate];

    /// <param name="projectId">The cohort's project.</param>
    /// <param name="participants">The cohort's participants.</param>
    /// <param name="bookings">The cohort's bookings, any state.</param>
    public static CourseView For(CourseActor viewer, string projectId, IReadOnlyCollection<CourseParticipant> participants, IReadOnlyCollection<TeacherBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(bookings);
        if (!string.Equals(viewer.ProjectId, projectId, StringComparison.Ordinal))
        {
            return CourseView.None;
        }

        return viewer.Role switch
        {
            CourseRole.Coordinator => new CourseView(CourseViewKind.Coordinator, CoordinatorFields.ToHashSet(), Enum.GetValues<CourseAction>().ToHashSet()),
            CourseRole.Teacher when bookings.Any(b => BookingAccess.Allows(viewer, BookingAction.View, b)) =>
                new CourseView(CourseViewKind.Teacher, TeacherFields.ToHashSet(), new HashSet<CourseAction>()),
            CourseRole.Participant when viewer.ObjectId.Length > 0 && participants.Any(p => p.ObjectId == viewer.ObjectId) =>
                new CourseView(CourseViewKind.Participant, ParticipantFields.ToHashSet(), new HashSet<CourseAction>()),
            _ => CourseView.None,
        };
    }

    /// <summary>The bookings a view may list: all for the coordinator, her own for a teacher, none otherwise.</summary>
    public static IReadOnlyList<TeacherBooking> VisibleBookings(CourseActor viewer, IReadOnlyCollection<TeacherBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        return [.. bookings.Where(b => BookingAccess.Allows(viewer, BookingAction.View, b))];
    }

    /// <summary>The attendance a view may show: everyone's for the coordinator, her own for a participant, none otherwise.</summary>
    public static IReadOnlyList<AttendanceEntry> VisibleAttendance(CourseView view, CourseActor viewer, IReadOnlyCollection<CourseParticipant> participants, AttendanceRegister register)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(register);
        if (view.Shows(CourseField.Attendance))
        {
            return register.Entries;
        }

        return view.Shows(CourseField.OwnAttendance) && participants.FirstOrDefault(p => p.ObjectId == viewer.ObjectId) is { } self
            ? register.Of(self.Id)
            : [];
    }
}
