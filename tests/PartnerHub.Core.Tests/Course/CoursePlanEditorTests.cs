using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class CoursePlanEditorTests
{
    private static readonly CoursePlan Plan = CourseFixtures.Plan(6); // Tuesdays 5 Jan - 9 Feb 2027
    private static readonly DateOnly Today = CourseFixtures.Today;
    private static readonly SchoolHolidayCalendar Holidays = CourseFixtures.SchoolHolidays;

    [Fact]
    public void Cancelling_a_week_keeps_it_marked_and_it_no_longer_counts()
    {
        var result = CoursePlanEditor.Cancel(Plan, "s03", Today);

        var plan = result.Plan!;
        Assert.Equal(6, plan.Sessions.Count);
        Assert.Equal(CourseSessionState.Cancelled, plan.Find("s03")!.State);
        Assert.Equal(5, plan.Counting.Count());
        Assert.Equal(Plan.Sessions.Select(s => s.Date), plan.Sessions.Select(s => s.Date));
        Assert.Equal(CourseSessionState.Planned, Plan.Find("s03")!.State);
    }

    [Fact]
    public void A_cancelled_week_cannot_be_cancelled_or_moved_again()
    {
        var plan = CoursePlanEditor.Cancel(Plan, "s03", Today).Plan!;

        Assert.Equal(CourseErrors.Cancelled, CoursePlanEditor.Cancel(plan, "s03", Today).Errors[CoursePlanEditor.Fields.Session]);
        Assert.Equal(CourseErrors.Cancelled, CoursePlanEditor.Move(plan, "s03", new DateOnly(2027, 3, 2), Holidays, Today).Errors[CoursePlanEditor.Fields.Session]);
    }

    [Fact]
    public void Moving_a_session_keeps_its_id_and_theme_and_reports_the_move()
    {
        var result = CoursePlanEditor.Move(Plan, "s02", new DateOnly(2027, 2, 11), Holidays, Today);

        var plan = result.Plan!;
        var moved = plan.Find("s02")!;
        Assert.Equal((new DateOnly(2027, 2, 11), Plan.Find("s02")!.ThemeId), (moved.Date, moved.ThemeId));
        Assert.Equal("s02", plan.Sessions[^1].Id);
        Assert.Equal([("s02", new DateOnly(2027, 2, 11))], CoursePlanEditor.Moved(Plan, plan));
    }

    [Theory]
    [InlineData("2027-01-19", CourseErrors.DateTaken)]
    [InlineData("2027-02-16", CourseErrors.SchoolHoliday)]
    [InlineData("2027-03-25", CourseErrors.PublicHoliday)]
    [InlineData("2026-11-30", CourseErrors.InPast)]
    public void A_session_cannot_move_onto_a_taken_date_a_holiday_or_the_past(string date, string code)
    {
        var result = CoursePlanEditor.Move(Plan, "s02", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Holidays, Today);

        Assert.False(result.Succeeded);
        Assert.Equal(new Dictionary<string, string> { [CoursePlanEditor.Fields.Date] = code }, result.Errors);
    }

    [Fact]
    public void Moving_onto_a_cancelled_weeks_date_is_allowed()
    {
        var plan = CoursePlanEditor.Cancel(Plan, "s03", Today).Plan!;

        Assert.True(CoursePlanEditor.Move(plan, "s06", plan.Find("s03")!.Date, Holidays, Today).Succeeded);
    }

    [Fact]
    public void An_unknown_session_is_not_found()
    {
        Assert.Equal(CourseErrors.NotFound, CoursePlanEditor.Move(Plan, "s99", new DateOnly(2027, 3, 2), Holidays, Today).Errors[CoursePlanEditor.Fields.Session]);
        Assert.Equal(CourseErrors.Required, CoursePlanEditor.Cancel(Plan, null, Today).Errors[CoursePlanEditor.Fields.Session]);
    }

    [Fact]
    public void Reordering_gives_the_sessions_the_dates_in_the_new_order()
    {
        var order = new[] { "s02", "s01", "s03", "s04", "s06", "s05" };

        var plan = CoursePlanEditor.Reorder(Plan, order, Today).Plan!;

        Assert.Equal(order, plan.Sessions.Select(s => s.Id));
        Assert.Equal(Plan.Sessions.Select(s => s.Date), plan.Sessions.Select(s => s.Date));
        Assert.Equal(Plan.Find("s02")!.ThemeId, plan.Sessions[0].ThemeId);
        Assert.Equal(["s02", "s01", "s06", "s05"], CoursePlanEditor.Moved(Plan, plan).Select(m => m.SessionId));
    }

    [Fact]
    public void Reordering_leaves_cancelled_weeks_where_they_are()
    {
        var cancelled = CoursePlanEditor.Cancel(Plan, "s03", Today).Plan!;

        var plan = CoursePlanEditor.Reorder(cancelled, ["s06", "s01", "s02", "s04", "s05"], Today).Plan!;

        Assert.Equal(cancelled.Find("s03"), plan.Find("s03"));
        Assert.Equal(Plan.Find("s01")!.Date, plan.Find("s06")!.Date);
    }

    [Theory]
    [InlineData("s01,s02,s03,s04,s05")]
    [InlineData("s01,s02,s03,s04,s05,s05")]
    [InlineData("s01,s02,s03,s04,s05,s99")]
    public void A_reorder_must_name_every_counting_session_once(string order)
    {
        Assert.Equal(CourseErrors.NotAPermutation, CoursePlanEditor.Reorder(Plan, order.Split(','), Today).Errors[CoursePlanEditor.Fields.Order]);
    }

    [Fact]
    public void A_held_session_is_not_reordered()
    {
        var laterToday = new DateOnly(2027, 1, 13); // s01 and s02 are held
        Assert.Equal(CourseErrors.InPast, CoursePlanEditor.Reorder(Plan, ["s02", "s01", "s03", "s04", "s05", "s06"], laterToday).Errors[CoursePlanEditor.Fields.Order]);
        Assert.True(CoursePlanEditor.Reorder(Plan, ["s01", "s02", "s03", "s04", "s06", "s05"], laterToday).Succeeded);
    }

    [Fact]
    public void An_excursion_is_added_on_a_free_day_with_the_next_id()
    {
        var plan = CoursePlanEditor.AddExcursion(Plan, "womens-centre", new DateOnly(2027, 1, 28), ThemeCatalogue.Default, Holidays, Today).Plan!;

        Assert.Equal(7, plan.Sessions.Count);
        var excursion = plan.Find("s07")!;
        Assert.Equal(new CourseSession("s07", new DateOnly(2027, 1, 28), "womens-centre", true, CourseSessionState.Planned), excursion);
        Assert.Equal(excursion, plan.Sessions[4]); // in date order, after Tuesday 26 January
    }

    [Fact]
    public void An_excursion_needs_a_known_theme_and_a_free_date()
    {
        Assert.Equal(CourseErrors.NotFound, CoursePlanEditor.AddExcursion(Plan, "zoo", new DateOnly(2027, 1, 28), ThemeCatalogue.Default, Holidays, Today).Errors[CoursePlanEditor.Fields.Theme]);
        Assert.Equal(CourseErrors.DateTaken, CoursePlanEditor.AddExcursion(Plan, "school", new DateOnly(2027, 1, 26), ThemeCatalogue.Default, Holidays, Today).Errors[CoursePlanEditor.Fields.Date]);
        Assert.Equal(CourseErrors.PublicHoliday, CoursePlanEditor.AddExcursion(Plan, "school", new DateOnly(2027, 3, 26), ThemeCatalogue.Default, Holidays, Today).Errors[CoursePlanEditor.Fields.Date]);
    }
}
