using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
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
    /// A record's holders row key (<see cref="HoldersRow"/>, the key every kind keeps by default):
    /// <c>card-holders|course-plan|{cohort}</c>, <c>card-holders|course-certificates|{cohort}</c>,
    /// <c>card-holders|course-booking|{cohort}.{booking}</c>. A cohort or booking older than the row has none.
    /// </summary>
    public static string HoldersRowKey(CardRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return HoldersRow.Key(record.Kind, record.Id);
    }

    /// <summary>
    /// A new cohort's transaction with the holders rows of its plan's and its certificates' cards added, complete
    /// (<see cref="HoldersRow.CreatedWith"/>, as a session's and a referral's): its cards are sent after it, so both are
    /// empty, unless a card's location merged in the same transaction, which is folded into its row.
    /// </summary>
    public static List<TableTransactionAction> WithHoldersRowsOfCohort(string projectId, string cohortId, IEnumerable<TableTransactionAction> actions) =>
        HoldersRow.CreatedWith(projectId, HoldersRowKey(Plan(cohortId)), HoldersRow.CreatedWith(projectId, HoldersRowKey(Certificates(cohortId)), actions));

    /// <summary>A new booking's transaction with the holders row of its cards added, complete (her card is sent after it).</summary>
    public static List<TableTransactionAction> WithHoldersRowOfBooking(string projectId, string cohortId, string bookingId, IEnumerable<TableTransactionAction> actions) =>
        HoldersRow.CreatedWith(projectId, HoldersRowKey(Booking(cohortId, bookingId)), actions);

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
