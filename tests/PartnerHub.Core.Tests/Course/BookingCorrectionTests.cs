using PartnerHub.Core.Course;
using static PartnerHub.Core.Tests.Course.CourseFixtures;

namespace PartnerHub.Core.Tests.Course;

/// <summary>Who corrects which text of a booking (<see cref="BookingCorrection"/>), and by which rule.</summary>
public sealed class BookingCorrectionTests
{
    private static TeacherBooking Declined => InState(BookingState.Declined) with { Note = "Husk nøglen", DeclineReason = "Jeg er syg." };

    [Fact]
    public void The_coordinator_rewords_or_removes_her_note_as_a_new_version_and_nothing_else_changes()
    {
        var booking = Declined;

        var reworded = BookingCorrection.Apply(booking, Coordinator, new BookingCorrectionInput("  Nøglen er i receptionen ", null));
        var removed = BookingCorrection.Apply(booking, Coordinator, new BookingCorrectionInput("", null));

        Assert.Equal(booking with { Note = "Nøglen er i receptionen", Version = booking.Version + 1, DecidedVersion = booking.Version + 1 }, reworded.Booking);
        Assert.Null(removed.Booking!.Note);
        Assert.Equal("Jeg er syg.", removed.Booking.DeclineReason);
        Assert.False(BookingCorrection.Apply(booking, Coordinator, new BookingCorrectionInput("Husk nøglen", null)).Changed);
    }

    [Fact]
    public void The_reason_is_the_teachers_words_she_rewords_it_and_the_coordinator_may_only_remove_it()
    {
        var booking = Declined;

        Assert.Equal("Jeg er på kursus.", BookingCorrection.Apply(booking, BookedTeacher, new BookingCorrectionInput(null, "Jeg er på kursus.")).Booking!.DeclineReason);
        Assert.Null(BookingCorrection.Apply(booking, Coordinator, new BookingCorrectionInput(null, " ")).Booking!.DeclineReason);
        Assert.Equal(CourseErrors.NotAllowed, BookingCorrection.Apply(booking, Coordinator, new BookingCorrectionInput(null, "Hun var syg.")).Errors[BookingCorrection.Fields.DeclineReason]);
        Assert.Equal(CourseErrors.Required, BookingCorrection.Apply(booking, BookedTeacher, new BookingCorrectionInput(null, "")).Errors[BookingCorrection.Fields.DeclineReason]);
        Assert.Equal(CourseErrors.TooLong, BookingCorrection.Apply(booking, BookedTeacher, new BookingCorrectionInput(null, new string('r', BookingWorkflow.MaxReasonLength + 1))).Errors[BookingCorrection.Fields.DeclineReason]);
        Assert.Equal(CourseErrors.NotAllowed, BookingCorrection.Apply(booking, BookedTeacher, new BookingCorrectionInput("Ny note", null)).Errors[BookingCorrection.Fields.Note]);
        Assert.Equal(BookingError.InvalidTransition, BookingCorrection.Apply(booking with { DeclineReason = null }, BookedTeacher, new BookingCorrectionInput(null, "Syg")).Error);
    }

    [Fact]
    public void Nobody_else_corrects_anything()
    {
        var input = new BookingCorrectionInput("x", "y");

        Assert.All(
            new[] { OtherTeacher, Mother, Partner, Participant, Coordinator with { ProjectId = "other-project" } },
            actor => Assert.Equal(BookingError.Forbidden, BookingCorrection.Apply(Declined, actor, input).Error));
    }
}
