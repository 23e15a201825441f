using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Course;

/// <summary>
/// Turns a cohort and its bookings into card data, as cards/samples/course-*.json document it. What each person's card
/// carries is <see cref="CourseVisibility"/>'s decision, never this class's: a card asks the view for its fields and
/// actions and shows only those. Dates and times are <see cref="CopenhagenDates"/>'; texts are cards/strings.*.json's
/// <c>course</c>. A card a person may not see renders as null (the caller shows "no longer visible").
/// </summary>
public sealed partial class CourseViews(CardCatalog cards, TimeProvider time)
{
    public string Text(string language, string path) => cards.Text(language, path);

    /// <summary>The coordinator's plan: every session's state at a glance, with the actions the view allows.</summary>
    public JsonObject? Plan(CourseActor viewer, CourseCardData data, string language, string? notice, IReadOnlyList<string>? refreshUserIds)
    {
        var cohort = data.Cohort.Cohort;
        var view = ViewOf(viewer, data);
        if (!view.Shows(CourseField.Bookings))
        {
            return null;
        }

        var today = Today;
        var bookings = CourseVisibility.VisibleBookings(viewer, data.AllBookings);
        var teachers = Teachers(data, except: null);
        var sessions = cohort.Plan.Sessions.Select(session =>
        {
            var state = SessionStaffing.Of(session, bookings, today).ToString();
            var active = SessionStaffing.ActiveBooking(session, bookings);
            var upcoming = session.Counts && session.Date >= today;
            return (JsonNode)new JsonObject
            {
                ["sessionId"] = session.Id,
                ["dateText"] = CopenhagenDates.Date(session.Date, language),
                ["dateValue"] = session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["themeText"] = ThemeText(data, session, language),
                ["state"] = state,
                ["stateLabel"] = Text(language, "course.sessionStates." + state),
                ["teacherText"] = active is null ? null : Text(language, "course.plan.teacherBy").Replace("{name}", data.NameOf(active.TeacherId), StringComparison.Ordinal),
                ["canBook"] = upcoming && active is null && teachers.Count > 0 && view.Allows(CourseAction.BookTeacher),
                ["canMove"] = upcoming && view.Allows(CourseAction.EditPlan),
                ["canRecordAttendance"] = session.Counts && session.Date <= today && view.Allows(CourseAction.RecordAttendance),
            };
        });
        var result = Header(data, language, notice, refreshUserIds);
        result["version"] = cohort.Version;
        result["participantsText"] = view.Shows(CourseField.GroupSize)
            ? Text(language, "course.participantsCount").Replace("{count}", cohort.Participants.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : null;
        result["today"] = IsoDate(today);
        result["hasTeachers"] = teachers.Count > 0;
        result["canOpenCertificates"] = view.Allows(CourseAction.IssueCertificates);
        result["teachers"] = teachers;
        result["excursionThemes"] = view.Allows(CourseAction.EditPlan)
            ? new JsonArray([.. data.Settings.Themes.Themes.Where(t => t.IsExcursion).Select(t => (JsonNode)Choice(t.Title.For(language), t.Id))])
            : new JsonArray();
        result["sessions"] = new JsonArray([.. sessions]);
        return cards.Render("course-plan", result, language);
    }

    /// <summary>The form that creates a cohort; its values and errors (Core's codes, by field) after a refused submit.</summary>
    public JsonObject Form(string projectId, string requestId, string language, CohortFormInput? values = null, IReadOnlyDictionary<string, string>? errors = null, string? notice = null)
    {
        values ??= new CohortFormInput { Weeks = "16" };
        var data = new JsonObject
        {
            ["projectId"] = projectId,
            ["requestId"] = requestId,
            ["today"] = IsoDate(Today),
            ["weekdays"] = new JsonArray([.. Weekdays.Select(d => (JsonNode)Choice(Text(language, "course.weekdays." + d), d.ToString()))]),
            ["values"] = new JsonObject
            {
                [CohortForm.Fields.Name] = values.Name ?? string.Empty,
                [CohortForm.Fields.StartDate] = values.StartDate ?? string.Empty,
                [CohortForm.Fields.Weekday] = values.Weekday ?? string.Empty,
                [CohortForm.Fields.StartTime] = values.StartTime ?? string.Empty,
                [CohortForm.Fields.EndTime] = values.EndTime ?? string.Empty,
                [CohortForm.Fields.Place] = values.Place ?? string.Empty,
                [CohortForm.Fields.Weeks] = values.Weeks ?? string.Empty,
            },
            ["errors"] = ErrorTexts(errors, language),
            ["notice"] = notice,
        };
        return cards.Render("course-form", data, language);
    }

    /// <summary>One session's attendance for the coordinator: each participant's mark (the submitted ones after a refusal).</summary>
    public JsonObject? Attendance(CourseActor viewer, CourseCardData data, string sessionId, string language,
        IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string>? errors = null, string? notice = null)
    {
        var cohort = data.Cohort.Cohort;
        var view = ViewOf(viewer, data);
        if (!view.Allows(CourseAction.RecordAttendance) || !view.Shows(CourseField.Participants) || cohort.Plan.Find(sessionId) is not { } session)
        {
            return null;
        }

        var visible = new AttendanceRegister(CourseVisibility.VisibleAttendance(view, viewer, cohort.Participants, data.Attendance));
        var errorTexts = ErrorTexts(errors, language);
        var result = Header(data, language, notice, null);
        result["sessionId"] = session.Id;
        result["version"] = cohort.Version;
        result["dateText"] = CopenhagenDates.Date(session.Date, language);
        result["themeText"] = ThemeText(data, session, language);
        result["markChoices"] = new JsonArray([.. Enum.GetValues<AttendanceMark>().Select(m => (JsonNode)Choice(Text(language, "course.marks." + m), m.ToString()))]);
        result["participants"] = new JsonArray([.. cohort.Participants.Select(p =>
        {
            var input = CourseVerbs.MarkInput(p.Id);
            var mark = values?.GetValueOrDefault(input) ?? visible.MarkOf(p.Id, session.Id)?.ToString() ?? string.Empty;
            return (JsonNode)new JsonObject
            {
                ["participantId"] = p.Id,
                ["name"] = p.Name,
                ["mark"] = mark,
                ["error"] = errorTexts[input]?.DeepClone(),
            };
        })]);
        result["errors"] = errorTexts;
        return cards.Render("course-attendance", result, language);
    }

    /// <summary>A participant's own view: the plan, her own marks, her certificate when there is one.</summary>
    public JsonObject? Participant(CourseActor viewer, CourseCardData data, string language, string? certificateUrl, string? notice, IReadOnlyList<string>? refreshUserIds)
    {
        var cohort = data.Cohort.Cohort;
        var view = ViewOf(viewer, data);
        if (view.Kind != CourseViewKind.Participant || !view.Shows(CourseField.Plan))
        {
            return null;
        }

        var today = Today;
        var own = new AttendanceRegister(CourseVisibility.VisibleAttendance(view, viewer, cohort.Participants, data.Attendance));
        var self = cohort.Participants.First(p => p.ObjectId == viewer.ObjectId);
        var completion = Completion.Of(self, cohort.Plan, own, data.Settings.Completion, today);
        var result = Header(data, language, notice, refreshUserIds);
        result["attendanceSummary"] = Text(language, "course.participant.attended")
            .Replace("{present}", completion.Attended.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{held}", completion.Held.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        result["sessions"] = new JsonArray([.. cohort.Plan.Sessions.Select(session =>
        {
            var mark = !session.Counts ? "Cancelled"
                : session.Date > today ? "None"
                : own.MarkOf(self.Id, session.Id)?.ToString() ?? "None";
            string? label = mark switch
            {
                "Cancelled" => Text(language, "course.sessionStates.Cancelled"),
                "None" when session.Date > today => null,
                _ => Text(language, "course.marks." + mark),
            };
            return (JsonNode)new JsonObject
            {
                ["dateText"] = CopenhagenDates.Date(session.Date, language),
                ["themeText"] = ThemeText(data, session, language),
                ["mark"] = mark,
                ["markLabel"] = label,
            };
        })]);
        result["certificateUrl"] = view.Shows(CourseField.OwnCertificate) ? certificateUrl : null;
        return cards.Render("course-participant", result, language);
    }

    private DateOnly Today => CopenhagenTime.DateOf(time.GetUtcNow());

    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static CourseView ViewOf(CourseActor viewer, CourseCardData data) =>
        CourseVisibility.For(viewer, data.Cohort.Cohort.ProjectId, data.Cohort.Cohort.Participants, data.AllBookings);

    /// <summary>The cohort's name, schedule and place, with the card's notice and refresh audience.</summary>
    private JsonObject Header(CourseCardData data, string language, string? notice, IReadOnlyList<string>? refreshUserIds)
    {
        var cohort = data.Cohort.Cohort;
        return new JsonObject
        {
            ["projectId"] = cohort.ProjectId,
            ["cohortId"] = cohort.Id,
            ["cohortName"] = cohort.Plan.CohortName,
            ["scheduleText"] = ScheduleText(cohort.Plan, language),
            ["placeText"] = cohort.Plan.Place,
            ["notice"] = notice,
            ["refreshUserIds"] = Audience(refreshUserIds),
        };
    }

    /// <summary>"Hver tirsdag kl. 17.00–19.30" / "Every Tuesday, 17:00–19:30".</summary>
    private string ScheduleText(CoursePlan plan, string language)
    {
        var day = plan.Sessions.Select(s => s.Date).DefaultIfEmpty(Today).First();
        var times = CopenhagenTime.FromLocal(day, plan.StartTime) is { } start && CopenhagenTime.FromLocal(day, plan.EndTime) is { } end
            ? CopenhagenDates.TimeRange(start, end, language)
            : string.Empty;
        return Text(language, "course.schedule")
            .Replace("{weekday}", Text(language, "course.weekdays." + plan.Weekday), StringComparison.Ordinal)
            .Replace("{time}", times, StringComparison.Ordinal);
    }

    private string ThemeText(CourseCardData data, CourseSession session, string language) =>
        data.Settings.Themes.Find(session.ThemeId)?.Title.For(language) ?? Text(language, "course.openTheme");

    /// <summary>The project's teachers to choose from (by first name), without the one already asked.</summary>
    private static JsonArray Teachers(CourseCardData data, string? except) =>
        new([.. data.Members.Values
            .Where(m => m.Role == ProjectRole.Teacher && m.ObjectId != except)
            .OrderBy(m => m.FirstName, StringComparer.CurrentCulture)
            .Select(m => (JsonNode)Choice(m.FirstName, m.ObjectId))]);

    /// <summary>Core's error codes, in the card's words, beside their fields (<see cref="CourseErrorTexts"/> is the one rule for which text).</summary>
    private JsonObject ErrorTexts(IReadOnlyDictionary<string, string>? errors, string language)
    {
        var result = new JsonObject();
        foreach (var (field, code) in errors ?? new Dictionary<string, string>())
        {
            result[field] = Text(language, CourseErrorTexts.PathOf(code));
        }

        return result;
    }

    private static JsonArray? Audience(IReadOnlyList<string>? userIds) =>
        userIds is { Count: > 0 } ? new JsonArray([.. userIds.Select(id => (JsonNode)id)]) : null;

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
