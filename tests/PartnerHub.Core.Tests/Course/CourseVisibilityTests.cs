using PartnerHub.Core.Course;
using PartnerHub.Core.Tests.Referrals;
using static PartnerHub.Core.Tests.Course.CourseFixtures;

namespace PartnerHub.Core.Tests.Course;

/// <summary>Who sees which field of a course, as an explicit table (as ReferralVisibilityTests does for referrals).</summary>
public sealed class CourseVisibilityTests
{
    private static readonly CourseField[] Columns =
    [
        CourseField.Plan, CourseField.Bookings, CourseField.OwnBookings, CourseField.GroupSize, CourseField.Participants,
        CourseField.Attendance, CourseField.OwnAttendance, CourseField.Certificates, CourseField.OwnCertificate,
    ];

    // The booked teacher has a booking in the cohort; the other teacher has none. A participant is Åse, on the list.
    private const string Expected = """
        viewer                      Plan Bookings OwnBookings GroupSize Participants Attendance OwnAttendance Certificates OwnCertificate
        Coordinator                 Y    Y        -           Y         Y            Y          -             Y            -
        BookedTeacher               -    -        Y           Y         -            -          -             -            -
        OtherTeacher                -    -        -           -         -            -          -             -            -
        Mother                      -    -        -           -         -            -          -             -            -
        Participant                 Y    -        -           -         -            -          Y             -            Y
        Partner                     -    -        -           -         -            -          -             -            -
        OtherProjectCoordinator     -    -        -           -         -            -          -             -            -
        BookedTeacherInOtherProject -    -        -           -         -            -          -             -            -
        TeachersIdAsMother          -    -        -           -         -            -          -             -            -
        """;

    private static readonly CourseParticipant[] Participants = [Aase, Leila];

    public static TheoryData<BookingViewer, CourseField, bool> Cells => MatrixTable.Parse<BookingViewer, CourseField>(Expected, Columns);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Field_visibility(BookingViewer viewer, CourseField field, bool shown)
    {
        var view = CourseVisibility.For(BookingAccessMatrixTests.Actor(viewer), Project, Participants, [Requested()]);

        Assert.Equal(shown, view.Shows(field));
    }

    [Fact]
    public void Only_the_coordinator_acts_on_the_course()
    {
        Assert.Equal(Enum.GetValues<CourseAction>(), CourseVisibility.For(Coordinator, Project, Participants, []).Actions.Order());
        Assert.Empty(CourseVisibility.For(BookedTeacher, Project, Participants, [Requested()]).Actions);
        Assert.Empty(CourseVisibility.For(Participant, Project, Participants, []).Actions);
    }

    [Fact]
    public void A_participant_sees_only_her_own_attendance()
    {
        var plan = Plan(4);
        var register = AttendanceRegister.Empty.Record(plan, Participants, "s01", new Dictionary<string, AttendanceMark> { ["p1"] = AttendanceMark.Present, ["p2"] = AttendanceMark.Absent }, new DateOnly(2027, 1, 5)).Register!;

        var aase = CourseVisibility.For(Participant, Project, Participants, []);
        Assert.Equal([new AttendanceEntry("p1", "s01", AttendanceMark.Present)], CourseVisibility.VisibleAttendance(aase, Participant, Participants, register));

        var coordinator = CourseVisibility.For(Coordinator, Project, Participants, []);
        Assert.Equal(2, CourseVisibility.VisibleAttendance(coordinator, Coordinator, Participants, register).Count);

        var teacher = CourseVisibility.For(BookedTeacher, Project, Participants, [Requested()]);
        Assert.Empty(CourseVisibility.VisibleAttendance(teacher, BookedTeacher, Participants, register));
    }

    [Fact]
    public void A_participant_without_an_account_or_not_on_the_list_sees_nothing()
    {
        Assert.Equal(CourseView.None, CourseVisibility.For(new CourseActor(string.Empty, Project, CourseRole.Participant), Project, [Aase with { ObjectId = null }], []));
        Assert.Equal(CourseView.None, CourseVisibility.For(new CourseActor("obj-stranger", Project, CourseRole.Participant), Project, Participants, []));
    }

    [Fact]
    public void A_teacher_lists_only_her_own_bookings()
    {
        var mine = Requested();
        var hers = mine with { Id = "b2", SessionId = "s05", TeacherId = OtherTeacherId };

        Assert.Equal([mine], CourseVisibility.VisibleBookings(BookedTeacher, [mine, hers]));
        Assert.Equal([mine, hers], CourseVisibility.VisibleBookings(Coordinator, [mine, hers]));
        Assert.Empty(CourseVisibility.VisibleBookings(Participant, [mine, hers]));
    }
}
