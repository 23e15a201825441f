using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class SchoolHolidaysTests
{
    [Fact]
    public void Both_ends_of_a_holiday_are_in_it()
    {
        var calendar = CourseFixtures.SchoolHolidays;

        Assert.Equal(SchoolHolidayKind.Winter, calendar.HolidayOn(new DateOnly(2027, 2, 13))!.Kind);
        Assert.Equal(SchoolHolidayKind.Winter, calendar.HolidayOn(new DateOnly(2027, 2, 21))!.Kind);
        Assert.Null(calendar.HolidayOn(new DateOnly(2027, 2, 22)));
        Assert.Null(calendar.HolidayOn(new DateOnly(2027, 2, 12)));
    }

    [Fact]
    public void The_fixtures_ranges_are_valid() => Assert.Empty(SchoolHolidayCalendar.Validate(CourseFixtures.SchoolHolidays.Holidays));

    [Fact]
    public void A_range_backwards_or_longer_than_a_school_holiday_is_refused()
    {
        var errors = SchoolHolidayCalendar.Validate(
        [
            new SchoolHoliday(SchoolHolidayKind.Autumn, new DateOnly(2027, 10, 24), new DateOnly(2027, 10, 16)),
            new SchoolHoliday(SchoolHolidayKind.Summer, new DateOnly(2027, 6, 1), new DateOnly(2027, 8, 31)),
            new SchoolHoliday((SchoolHolidayKind)42, new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 2)),
        ]);

        Assert.Equal(
            new Dictionary<string, string> { ["holidays[0]"] = CourseErrors.InvalidRange, ["holidays[1]"] = CourseErrors.InvalidRange, ["holidays[2].kind"] = CourseErrors.UnknownValue },
            errors);
    }
}
