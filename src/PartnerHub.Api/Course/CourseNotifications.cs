using System.Text.Json;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Course;

/// <summary>
/// The outbox messages of the course workflow. Payloads carry ids only: never a name, a note or a reason. The service
/// writes them in the change's transaction; the handlers (calendar, cards, reminders, certificates) act on them.
/// </summary>
public static class CourseNotifications
{
    /// <summary>The teacher's booking card: a new request, or one asked afresh (moved session).</summary>
    public const string SendBookingCard = "course.send-booking-card";

    /// <summary>The coordinator's card for a counter-proposal, or for a booking still unanswered after the reminder.</summary>
    public const string SendCoordinatorCard = "course.send-coordinator-card";

    /// <summary>Every stored card showing this cohort or booking, refreshed in place (the acting card skipped).</summary>
    public const string UpdateCards = "course.update-cards";

    /// <summary>A booking became confirmed: an Outlook event on the coordinator's calendar with the teacher invited.</summary>
    public const string CalendarCreate = "course.calendar-create";

    /// <summary>A confirmed booking moved with its session.</summary>
    public const string CalendarUpdate = "course.calendar-update";

    /// <summary>A confirmed booking stopped being confirmed (cancelled, replaced, its week cancelled).</summary>
    public const string CalendarCancel = "course.calendar-cancel";

    /// <summary>Due when the booking's next nudge is (<c>BookingReminderPolicy</c>): a reminder, then the coordinator.</summary>
    public const string BookingReminder = "course.booking-reminder";

    /// <summary>Draw one participant's certificate and store it in the project's SharePoint folder.</summary>
    public const string IssueCertificate = "course.issue-certificate";

    /// <summary>An erased participant's certificate file leaves SharePoint (<see cref="DeleteCertificateFileHandler"/>).</summary>
    public const string DeleteCertificateFile = "course.delete-certificate-file";

    /// <summary>The kinds that reach Outlook or SharePoint: their final failure is shown to the coordinator.</summary>
    public static readonly IReadOnlySet<string> GraphKinds = new HashSet<string>(StringComparer.Ordinal) { CalendarCreate, CalendarUpdate, CalendarCancel, IssueCertificate, DeleteCertificateFile };

    public static OutboxMessage ForBooking(string kind, string cohortId, string bookingId) =>
        new(kind, Write(new Payload(cohortId) { BookingId = bookingId }));

    /// <param name="acting">The card the change was made on, which the update skips (its invoke response shows it).</param>
    public static OutboxMessage UpdateCardsOf(string cohortId, string? bookingId, ActingCard? acting = null) =>
        new(UpdateCards, Write(new Payload(cohortId) { BookingId = bookingId, Acting = acting }));

    /// <summary>The cohort's name or place was corrected: its cards and every booking's cards show them.</summary>
    public static OutboxMessage UpdateCardsOfEveryBooking(string cohortId, ActingCard? acting = null) =>
        new(UpdateCards, Write(new Payload(cohortId) { EveryBooking = true, Acting = acting }));

    /// <summary>A certificate was stored: only the cohort's certificates cards show it, so only they are updated.</summary>
    public static OutboxMessage UpdateCertificateCardsOf(string cohortId) =>
        new(UpdateCards, Write(new Payload(cohortId) { CertificatesOnly = true }));

    /// <param name="issuedBy">The coordinator who issued it: her name is printed as the one who signs.</param>
    public static OutboxMessage Certificate(string cohortId, string participantId, string issuedBy) =>
        new(IssueCertificate, Write(new Payload(cohortId) { ParticipantId = participantId, ObjectId = issuedBy }));

    public static OutboxMessage CertificateFileOf(string cohortId, string participantId) =>
        new(DeleteCertificateFile, Write(new Payload(cohortId) { ParticipantId = participantId }));

    public static Payload Read(string json) => JsonSerializer.Deserialize<Payload>(json) ?? throw new InvalidDataException("Empty course notification payload.");

    private static string Write(Payload payload) => JsonSerializer.Serialize(payload);

    public sealed record Payload(string CohortId)
    {
        public string? BookingId { get; init; }

        public string? ParticipantId { get; init; }

        /// <summary>Who the message is about or from (an object id), where the kind needs one.</summary>
        public string? ObjectId { get; init; }

        public ActingCard? Acting { get; init; }

        /// <summary>For <see cref="UpdateCards"/>: the certificates cards only, not the plans (nothing on them changed).</summary>
        public bool CertificatesOnly { get; init; }

        /// <summary>For <see cref="UpdateCards"/>: the cards of every booking of the cohort too, not of <see cref="BookingId"/> alone.</summary>
        public bool EveryBooking { get; init; }
    }
}
