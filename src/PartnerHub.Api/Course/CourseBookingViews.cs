using System.Text.Json.Nodes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Course;

/// <summary>A teacher's answer as she typed it, shown again beside the errors when it was refused.</summary>
public sealed record BookingAnswerInput(string? Reason, string? Date, string? OtherWeekday);

/// <summary>One line of a teacher's "my bookings": the booking, its project's name and its cohort's card data.</summary>
public sealed record TeacherBookingEntry(TeacherBooking Booking, CourseCardData Data);

/// <summary>The cards about one booking: the teacher's (and her reminder), the coordinator's, and her list.</summary>
public sealed partial class CourseViews
{
    /// <summary>
    /// The teacher's booking card: what she needs to teach (theme, date, time, place, group size, the note) and her
    /// three answers while it awaits her; afterwards her answer and its state. Nothing of the participants.
    /// </summary>
    public JsonObject? Booking(CourseActor viewer, CourseCardData data, TeacherBooking booking, string language, string? notice,
        IReadOnlyList<string>? refreshUserIds, BookingAnswerInput? values = null, IReadOnlyDictionary<string, string>? errors = null) =>
        TeacherCard("course-booking", viewer, data, booking, language, notice, refreshUserIds, values, errors);

    /// <summary>The reminder to a teacher who has not answered: the booking card with a reminder on top. Never updated in place.</summary>
    public JsonObject? Reminder(CourseActor viewer, CourseCardData data, TeacherBooking booking, string language)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var card = TeacherData(viewer, data, booking, language, null, null, null, null);
        if (card is null)
        {
            return null;
        }

        card["sentText"] = Text(language, "course.reminder.sent").Replace("{date}", CopenhagenDates.Date(booking.AwaitingSince, language), StringComparison.Ordinal);
        return cards.Render("course-reminder", card, language);
    }

    /// <summary>
    /// The coordinator's card about one booking: the teacher's counter-proposal (accept the date or pick another
    /// teacher) when she made one, otherwise the escalation of a request still unanswered after the reminder.
    /// Once decided it shows where the booking stands.
    /// </summary>
    public JsonObject? CoordinatorBooking(CourseActor viewer, CourseCardData data, TeacherBooking booking, string language, string? notice, IReadOnlyList<string>? refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var view = ViewOf(viewer, data);
        var plan = data.Cohort.Cohort.Plan;
        if (!view.Shows(CourseField.Bookings) || !CourseVisibility.VisibleBookings(viewer, [booking]).Any() || plan.Find(booking.SessionId) is not { } session)
        {
            return null;
        }

        var state = BadgeOf(booking.State);
        var result = new JsonObject
        {
            ["projectId"] = booking.ProjectId,
            ["cohortId"] = booking.CohortId,
            ["bookingId"] = booking.Id,
            ["version"] = booking.Version,
            ["themeText"] = ThemeText(data, session, language),
            ["timeText"] = CopenhagenDates.TimeRange(booking.Start, booking.End, language),
            ["teachers"] = view.Allows(CourseAction.BookTeacher) ? Teachers(data, except: booking.TeacherId) : new JsonArray(),
            ["note"] = booking.Note ?? string.Empty,
            ["state"] = state,
            // Ended bookings say how (declined, withdrawn); live ones read like the plan's badges.
            ["stateLabel"] = Text(language, state == "Cancelled" ? "course.bookingStates." + booking.State : "course.sessionStates." + state),
            ["notice"] = notice,
            ["refreshUserIds"] = Audience(refreshUserIds),
        };
        var name = data.NameOf(booking.TeacherId);
        if (booking.Proposal is { } proposal)
        {
            result["introText"] = Text(language, "course.proposal.intro").Replace("{name}", name, StringComparison.Ordinal);
            result["plannedDateText"] = CopenhagenDates.Date(session.Date, language);
            result["proposedDateText"] = CopenhagenDates.Date(proposal.Date, language);
            result["otherWeekday"] = proposal.OtherWeekday;
            result["canDecide"] = booking.State == BookingState.CounterProposed && BookingAccess.Allows(viewer, BookingAction.AcceptProposal, booking);
            return cards.Render("course-proposal", result, language);
        }

        result["introText"] = Text(language, "course.unanswered.intro").Replace("{name}", name, StringComparison.Ordinal);
        result["dateText"] = CopenhagenDates.Date(booking.Start, language);
        result["askedText"] = CopenhagenDates.Date(booking.AwaitingSince, language);
        result["remindedText"] = booking.RemindedAt is { } reminded ? CopenhagenDates.Date(reminded, language) : null;
        result["canDecide"] = booking.State == BookingState.Requested && BookingAccess.Allows(viewer, BookingAction.Replace, booking);
        return cards.Render("course-unanswered", result, language);
    }

    /// <summary>A teacher's "my bookings": each of hers she may see, soonest first, from every project she teaches in.</summary>
    public JsonObject MyBookings(string teacherObjectId, IReadOnlyList<TeacherBookingEntry> entries, string language, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries
            .Where(e => CourseVisibility.VisibleBookings(new CourseActor(teacherObjectId, e.Booking.ProjectId, CourseRole.Teacher), [e.Booking]).Any())
            .OrderBy(e => e.Booking.Start)
            .Select(e =>
            {
                var session = e.Data.Cohort.Cohort.Plan.Find(e.Booking.SessionId);
                return (JsonNode)new JsonObject
                {
                    ["projectId"] = e.Booking.ProjectId,
                    ["cohortId"] = e.Booking.CohortId,
                    ["bookingId"] = e.Booking.Id,
                    ["dateText"] = CopenhagenDates.Date(e.Booking.Start, language),
                    ["themeText"] = session is null ? Text(language, "course.openTheme") : ThemeText(e.Data, session, language),
                    ["projectName"] = e.Data.Project.Name,
                    ["state"] = BadgeOf(e.Booking.State),
                    ["stateLabel"] = Text(language, "course.bookingStates." + e.Booking.State),
                };
            });
        return cards.Render("course-bookings", new JsonObject { ["bookings"] = new JsonArray([.. rows]), ["notice"] = notice }, language);
    }

    private JsonObject? TeacherCard(string card, CourseActor viewer, CourseCardData data, TeacherBooking booking, string language, string? notice,
        IReadOnlyList<string>? refreshUserIds, BookingAnswerInput? values, IReadOnlyDictionary<string, string>? errors) =>
        TeacherData(viewer, data, booking, language, notice, refreshUserIds, values, errors) is { } result ? cards.Render(card, result, language) : null;

    private JsonObject? TeacherData(CourseActor viewer, CourseCardData data, TeacherBooking booking, string language, string? notice,
        IReadOnlyList<string>? refreshUserIds, BookingAnswerInput? values, IReadOnlyDictionary<string, string>? errors)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var view = ViewOf(viewer, data);
        var plan = data.Cohort.Cohort.Plan;
        if (!view.Shows(CourseField.OwnBookings) || !CourseVisibility.VisibleBookings(viewer, [booking]).Any() || plan.Find(booking.SessionId) is not { } session)
        {
            return null;
        }

        var formValues = new JsonObject();
        if (values is not null)
        {
            formValues["reason"] = values.Reason ?? string.Empty;
            formValues["date"] = values.Date ?? string.Empty;
            formValues["otherWeekday"] = values.OtherWeekday ?? "false";
        }

        var state = BadgeOf(booking.State);
        return new JsonObject
        {
            ["projectId"] = booking.ProjectId,
            ["cohortId"] = booking.CohortId,
            ["bookingId"] = booking.Id,
            ["version"] = booking.Version,
            ["themeText"] = ThemeText(data, session, language),
            ["dateText"] = CopenhagenDates.Date(booking.Start, language),
            ["timeText"] = CopenhagenDates.TimeRange(booking.Start, booking.End, language),
            ["placeText"] = plan.Place,
            ["groupSizeText"] = view.Shows(CourseField.GroupSize)
                ? Text(language, "course.groupSizeCount").Replace("{count}", booking.GroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                : "–",
            ["projectName"] = data.Project.Name,
            ["note"] = string.IsNullOrEmpty(booking.Note) ? null : booking.Note,
            ["state"] = state,
            ["stateLabel"] = Text(language, "course.bookingStates." + booking.State),
            ["canAnswer"] = booking.State == BookingState.Requested && BookingAccess.Allows(viewer, BookingAction.Accept, booking),
            ["answerText"] = AnswerText(booking, language),
            ["today"] = IsoDate(Today),
            ["courseWeekdayText"] = Text(language, "course.booking.courseWeekday")
                .Replace("{weekday}", Text(language, "course.weekdays." + plan.Weekday), StringComparison.Ordinal),
            ["values"] = formValues,
            ["errors"] = ErrorTexts(errors, language),
            ["notice"] = notice,
            ["refreshUserIds"] = Audience(refreshUserIds),
        };
    }

    /// <summary>What she answered, in her words on her own card (the reason is hers; the coordinator sees it elsewhere).</summary>
    private string? AnswerText(TeacherBooking booking, string language) => booking.State switch
    {
        BookingState.Confirmed => Text(language, "course.booking.answerConfirmed"),
        BookingState.Declined when !string.IsNullOrWhiteSpace(booking.DeclineReason) =>
            Text(language, "course.booking.answerDeclinedReason").Replace("{reason}", booking.DeclineReason, StringComparison.Ordinal),
        BookingState.Declined => Text(language, "course.booking.answerDeclined"),
        BookingState.CounterProposed when booking.Proposal is { } proposal =>
            Text(language, "course.booking.answerProposed").Replace("{date}", CopenhagenDates.Date(proposal.Date, language), StringComparison.Ordinal),
        BookingState.Replaced or BookingState.Cancelled => Text(language, "course.booking.answerCancelled"),
        _ => null,
    };

    /// <summary>The colour of a booking's badge, in the plan's words (booked, awaiting answer, counter-proposed, ended).</summary>
    private static string BadgeOf(BookingState state) => state switch
    {
        BookingState.Confirmed => "Booked",
        BookingState.Requested => "Awaiting",
        BookingState.CounterProposed => "CounterProposed",
        _ => "Cancelled",
    };
}
