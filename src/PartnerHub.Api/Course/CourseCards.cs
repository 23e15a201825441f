using PartnerHub.Api.Cards;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>The card a person acted on, and the record it is remembered under from then on.</summary>
public sealed record ShownCard(CardRecord Record, CardLocation Location);

/// <summary>Where course cards are remembered (<see cref="CardLocationStore"/>), and whose refresh audience each card has.</summary>
public static class CourseCards
{
    /// <summary>A booking's cards: booking ids are unique within their cohort, and both are plain ids, so '.' separates them.</summary>
    public static CardRecord Booking(string cohortId, string bookingId) => new(CardKind.CourseBooking, cohortId + "." + bookingId);

    public static CardRecord Plan(string cohortId) => new(CardKind.CoursePlan, cohortId);

    public static CardRecord Certificates(string cohortId) => new(CardKind.CourseCertificates, cohortId);

    /// <summary>
    /// The refresh.userIds of one viewer's card of a booking: the teacher's card refreshes for her only; the
    /// coordinators' cards for the coordinators who have one. Nobody's card lists someone who cannot see it.
    /// </summary>
    public static IReadOnlyList<string> BookingAudience(Actor viewer, TeacherBooking booking, IEnumerable<CardLocation> shown)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(booking);
        var teacherCard = viewer.ObjectId == booking.TeacherId;
        return CardLocationStore.Audience(shown.Where(l => teacherCard ? l.ObjectId == booking.TeacherId : l.ObjectId != booking.TeacherId));
    }
}
