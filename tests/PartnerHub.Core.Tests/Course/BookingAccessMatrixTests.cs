using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Tests.Referrals;

namespace PartnerHub.Core.Tests.Course;

/// <summary>Who looks at a booking in one matrix row.</summary>
public enum BookingViewer
{
    Coordinator,
    BookedTeacher,
    OtherTeacher,
    Mother,
    Participant,
    Partner,

    /// <summary>A coordinator of another project.</summary>
    OtherProjectCoordinator,

    /// <summary>The booked teacher's own object id, signed in to another project (she teaches in several).</summary>
    BookedTeacherInOtherProject,

    /// <summary>Someone whose object id is the teacher's but whose role here is not teacher.</summary>
    TeachersIdAsMother,
}

/// <summary>ARCHITECTURE §7 for teacher bookings as an explicit table: every viewer × action is one theory row.</summary>
public class BookingAccessMatrixTests
{
    private static readonly BookingAction[] Columns =
    [
        BookingAction.Request, BookingAction.View, BookingAction.Accept, BookingAction.Decline, BookingAction.ProposeDate,
        BookingAction.AcceptProposal, BookingAction.Replace, BookingAction.Cancel, BookingAction.MoveWithSession,
    ];

    // Y = allowed, - = denied. Request is asked without a booking; the rest of an existing booking of the project.
    private const string Expected = """
        viewer                      Request View Accept Decline ProposeDate AcceptProposal Replace Cancel MoveWithSession
        Coordinator                 Y       Y    -      -       -           Y              Y       Y      Y
        BookedTeacher               -       Y    Y      Y       Y           -              -       -      -
        OtherTeacher                -       -    -      -       -           -              -       -      -
        Mother                      -       -    -      -       -           -              -       -      -
        Participant                 -       -    -      -       -           -              -       -      -
        Partner                     -       -    -      -       -           -              -       -      -
        OtherProjectCoordinator     Y       -    -      -       -           -              -       -      -
        BookedTeacherInOtherProject -       -    -      -       -           -              -       -      -
        TeachersIdAsMother          -       -    -      -       -           -              -       -      -
        """;

    public static TheoryData<BookingViewer, BookingAction, bool> Cells => MatrixTable.Parse<BookingViewer, BookingAction>(Expected, Columns);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Access_matrix(BookingViewer viewer, BookingAction action, bool allowed)
    {
        var booking = action == BookingAction.Request ? null : CourseFixtures.Requested();

        Assert.Equal(allowed, BookingAccess.Allows(Actor(viewer), action, booking));
    }

    [Fact]
    public void A_directory_actor_maps_to_its_course_role()
    {
        Assert.Equal(CourseFixtures.BookedTeacher, CourseActor.From(new Actor(CourseFixtures.TeacherId, CourseFixtures.Project, ProjectRole.Teacher, null)));
        Assert.Equal(CourseRole.Coordinator, CourseActor.From(new Actor("c", "p", ProjectRole.Coordinator, null)).Role);
        Assert.Equal(CourseRole.NeighbourhoodMother, CourseActor.From(new Actor("m", "p", ProjectRole.NeighbourhoodMother, null)).Role);
        Assert.Equal(CourseRole.PartnerStaff, CourseActor.From(new Actor("s", "p", ProjectRole.PartnerStaff, "org")).Role);
    }

    internal static CourseActor Actor(BookingViewer viewer) => viewer switch
    {
        BookingViewer.Coordinator => CourseFixtures.Coordinator,
        BookingViewer.BookedTeacher => CourseFixtures.BookedTeacher,
        BookingViewer.OtherTeacher => CourseFixtures.OtherTeacher,
        BookingViewer.Mother => CourseFixtures.Mother,
        BookingViewer.Participant => CourseFixtures.Participant,
        BookingViewer.Partner => CourseFixtures.Partner,
        BookingViewer.OtherProjectCoordinator => CourseFixtures.Coordinator with { ProjectId = CourseFixtures.OtherProject },
        BookingViewer.BookedTeacherInOtherProject => CourseFixtures.BookedTeacher with { ProjectId = CourseFixtures.OtherProject },
        _ => new CourseActor(CourseFixtures.TeacherId, CourseFixtures.Project, CourseRole.NeighbourhoodMother),
    };
}
