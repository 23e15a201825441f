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
    /// The holders rows a new cohort is created with, complete and empty (its plan's cards and its certificates cards
    /// are sent after it): added in the cohort's own transaction.
    /// </summary>
    public static IEnumerable<TableTransactionAction> HoldersRowsOfCohort(string projectId, string cohortId) =>
        [NewHoldersRow(projectId, Plan(cohortId)), NewHoldersRow(projectId, Certificates(cohortId))];

    /// <summary>The holders row a new booking is created with, complete and empty (her card is sent after it).</summary>
    public static TableTransactionAction HoldersRowOfBooking(string projectId, string cohortId, string bookingId) =>
        NewHoldersRow(projectId, Booking(cohortId, bookingId));

    private static TableTransactionAction NewHoldersRow(string projectId, CardRecord record) =>
        new(TableTransactionActionType.Add, HoldersRow.New(projectId, HoldersRowKey(record)));

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
