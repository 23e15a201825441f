using System.Text.Json.Nodes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>What the coordinator may do with one week of the plan: the one rule for the plan's row and the week's card.</summary>
internal readonly record struct SessionActions(bool CanBook, bool CanMove, bool CanRecordAttendance, bool LacksTeachers)
{
    public bool Any => CanBook || CanMove || CanRecordAttendance;
}

/// <summary>One week of the plan, opened from its row: where the week is booked, moved, cancelled and its attendance taken.</summary>
public sealed partial class CourseViews
{
    /// <summary>The week's card for the coordinator: its date, theme, time, place, staffing, and its actions; null when she may not see the plan.</summary>
    public JsonObject? Session(CourseActor viewer, CourseCardData data, string sessionId, string language, string? notice, IReadOnlyList<string>? refreshUserIds)
    {
        var cohort = data.Cohort.Cohort;
        var view = ViewOf(viewer, data);
        if (!view.Shows(CourseField.Bookings) || cohort.Plan.Find(sessionId) is not { } session)
        {
            return null;
        }

        var today = Today;
        var bookings = CourseVisibility.VisibleBookings(viewer, data.AllBookings);
        var state = SessionStaffing.Of(session, bookings, today).ToString();
        var active = SessionStaffing.ActiveBooking(session, bookings);
        var actions = SessionActionsOf(view, session, active, HasTeachers(data), today);
        var result = Header(data, language, notice, refreshUserIds);
        result["sessionId"] = session.Id;
        result["version"] = cohort.Version;
        result["dateText"] = CopenhagenDates.Date(session.Date, language);
        result["dateValue"] = IsoDate(session.Date);
        result["themeText"] = ThemeText(data, session, language);
        result["timeText"] = cohort.Plan.TimesOf(session) is { } times ? CopenhagenDates.TimeRange(times.Start, times.End, language) : string.Empty;
        result["state"] = state;
        result["stateLabel"] = Text(language, "course.sessionStates." + state);
        result["teacherName"] = active is null ? null : data.NameOf(active.TeacherId);
        result["today"] = IsoDate(today);
        result["teachers"] = actions.CanBook ? Teachers(data, except: null) : new JsonArray();
        result["canBook"] = actions.CanBook;
        result["canBookWithoutTeachers"] = actions.LacksTeachers;
        result["canMove"] = actions.CanMove;
        result["canRecordAttendance"] = actions.CanRecordAttendance;
        return cards.Render("course-session", result, language);
    }

    /// <summary>
    /// Book where the week is to come and nobody is asked or booked; move or cancel a week to come; attendance once it
    /// is held. Each only as far as the view allows.
    /// </summary>
    private static SessionActions SessionActionsOf(CourseView view, CourseSession session, TeacherBooking? active, bool hasTeachers, DateOnly today)
    {
        var upcoming = session.Counts && session.Date >= today;
        var bookable = upcoming && active is null && view.Allows(CourseAction.BookTeacher);
        return new SessionActions(
            CanBook: bookable && hasTeachers,
            CanMove: upcoming && view.Allows(CourseAction.EditPlan),
            CanRecordAttendance: session.Counts && session.Date <= today && view.Allows(CourseAction.RecordAttendance),
            LacksTeachers: bookable && !hasTeachers);
    }

    private static bool HasTeachers(CourseCardData data) => data.Members.Values.Any(m => m.Role == ProjectRole.Teacher);
}
