using System.Globalization;
using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class PlanGeneratorTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static string[] Dates(CoursePlan plan) => [.. plan.Sessions.Select(s => s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    private static CoursePlan Generate(string start, int weeks, SchoolHolidayCalendar? holidays = null, TimeOnly? from = null, TimeOnly? to = null)
    {
        var form = CourseFixtures.Form(D(start), weeks) with { StartTime = from ?? new TimeOnly(17, 0), EndTime = to ?? new TimeOnly(19, 30) };
        return PlanGenerator.Generate(form, ThemeCatalogue.Default, holidays ?? SchoolHolidayCalendar.None);
    }

    [Fact]
    public void Weeks_across_New_Year_skip_Christmas_Day_and_New_Years_Day_and_keep_the_number_of_sessions()
    {
        var plan = Generate("2026-12-11", 4);

        Assert.Equal(["2026-12-11", "2026-12-18", "2027-01-08", "2027-01-15"], Dates(plan));
        Assert.Equal(
            [new SkippedDate(D("2026-12-25"), PlanGenerator.Reasons.PublicHoliday), new SkippedDate(D("2027-01-01"), PlanGenerator.Reasons.PublicHoliday)],
            plan.Skipped);
    }

    [Fact]
    public void The_Christmas_school_holiday_is_skipped_as_well()
    {
        // Thursdays: 24 and 31 December are no public holidays, but they are in the Christmas school holiday.
        Assert.Equal(["2026-12-17", "2026-12-24", "2026-12-31", "2027-01-07"], Dates(Generate("2026-12-17", 4)));

        var plan = Generate("2026-12-17", 4, CourseFixtures.SchoolHolidays);

        Assert.Equal(["2026-12-17", "2027-01-07", "2027-01-14", "2027-01-21"], Dates(plan));
        Assert.All(plan.Skipped, s => Assert.Equal((PlanGenerator.Reasons.SchoolHoliday, SchoolHolidayKind.Christmas), (s.Reason, s.SchoolHoliday)));
    }

    [Fact]
    public void Easter_Monday_is_skipped()
    {
        Assert.Equal(["2027-03-15", "2027-03-22", "2027-04-05"], Dates(Generate("2027-03-15", 3)));
    }

    [Fact]
    public void Easter_school_holiday_and_Easter_Monday_together_move_the_course_two_weeks()
    {
        var plan = Generate("2027-03-15", 3, CourseFixtures.SchoolHolidays);

        Assert.Equal(["2027-03-15", "2027-04-05", "2027-04-12"], Dates(plan));
        Assert.Equal([PlanGenerator.Reasons.SchoolHoliday, PlanGenerator.Reasons.PublicHoliday], plan.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Maundy_Thursday_and_Ascension_Day_are_skipped_on_a_Thursday_course()
    {
        var plan = Generate("2027-03-18", 9);

        Assert.Contains(D("2027-03-25"), plan.Skipped.Select(s => s.Date));
        Assert.Contains(D("2027-05-06"), plan.Skipped.Select(s => s.Date));
        Assert.Equal(9, plan.Sessions.Count);
    }

    [Fact]
    public void Store_Bededag_2023_is_skipped()
    {
        Assert.Equal(["2023-04-28", "2023-05-12", "2023-05-19"], Dates(Generate("2023-04-28", 3)));
    }

    [Fact]
    public void Store_Bededag_is_an_ordinary_Friday_from_2024()
    {
        Assert.Equal(["2024-04-19", "2024-04-26", "2024-05-03"], Dates(Generate("2024-04-19", 3)));
        Assert.Empty(Generate("2024-04-19", 3).Skipped);
    }

    [Fact]
    public void A_time_the_clocks_skip_is_passed_over()
    {
        // Sunday 29 March 2026 has no 02:30; 5 April 2026 is Easter Sunday.
        var plan = Generate("2026-03-22", 2, from: new TimeOnly(2, 30), to: new TimeOnly(3, 30));

        Assert.Equal(["2026-03-22", "2026-04-12"], Dates(plan));
        Assert.Equal([PlanGenerator.Reasons.NonexistentTime, PlanGenerator.Reasons.PublicHoliday], plan.Skipped.Select(s => s.Reason));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(30)]
    public void The_plan_has_as_many_sessions_as_weeks_asked_for_all_on_the_weekday_and_none_on_a_holiday(int weeks)
    {
        var plan = PlanGenerator.Generate(CourseFixtures.Form(weeks: weeks), ThemeCatalogue.Default, CourseFixtures.SchoolHolidays);

        Assert.Equal(weeks, plan.Sessions.Count);
        Assert.All(plan.Sessions, s => Assert.Equal(DayOfWeek.Tuesday, s.Date.DayOfWeek));
        Assert.All(plan.Sessions, s => Assert.Null(PlanGenerator.ReasonToSkip(s.Date, plan.StartTime, plan.EndTime, CourseFixtures.SchoolHolidays)));
        Assert.Equal(plan.Sessions.Select(s => s.Date).Order(), plan.Sessions.Select(s => s.Date));
        Assert.Equal(Enumerable.Range(1, weeks).Select(i => $"s{i:00}"), plan.Sessions.Select(s => s.Id));
    }

    [Fact]
    public void Themes_follow_the_catalogue_and_weeks_beyond_it_are_open()
    {
        var plan = CourseFixtures.Plan(16);
        var themes = ThemeCatalogue.Default.Themes;

        Assert.Equal(themes.Select(t => t.Id), plan.Sessions.Take(themes.Count).Select(s => s.ThemeId));
        Assert.Equal(themes.Select(t => t.IsExcursion), plan.Sessions.Take(themes.Count).Select(s => s.IsExcursion));
        Assert.All(plan.Sessions.Skip(themes.Count), s => Assert.Null(s.ThemeId));
        Assert.Equal(D("2027-05-04"), plan.Sessions[^1].Date);
        Assert.Equal([D("2027-02-16"), D("2027-03-23")], plan.Skipped.Select(s => s.Date));
    }
}
