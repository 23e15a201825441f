using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class CohortFormTests
{
    private static CohortFormInput Valid => new()
    {
        Name = "Vollsmose hold 1",
        StartDate = "2027-01-05",
        Weekday = "Tuesday",
        StartTime = "17:00",
        EndTime = "19:30",
        Place = "Vollsmose Kulturhus",
        Weeks = "16",
    };

    [Fact]
    public void A_valid_form_gives_the_cohort()
    {
        var (form, errors) = CohortForm.Validate(Valid, CourseFixtures.Now);

        Assert.Empty(errors);
        Assert.Equal(new ValidCohortForm("Vollsmose hold 1", new DateOnly(2027, 1, 5), DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(19, 30), "Vollsmose Kulturhus", 16), form);
    }

    [Theory]
    [InlineData(nameof(CohortFormInput.StartDate), "2027-01-06", CohortForm.Fields.StartDate, CourseErrors.WeekdayMismatch)]
    [InlineData(nameof(CohortFormInput.StartDate), "5/1/2027", CohortForm.Fields.StartDate, CourseErrors.InvalidDate)]
    [InlineData(nameof(CohortFormInput.StartDate), "2026-11-24", CohortForm.Fields.StartDate, CourseErrors.InPast)]
    [InlineData(nameof(CohortFormInput.StartDate), "2028-01-04", CohortForm.Fields.StartDate, CourseErrors.TooFarAhead)]
    [InlineData(nameof(CohortFormInput.StartDate), "", CohortForm.Fields.StartDate, CourseErrors.Required)]
    [InlineData(nameof(CohortFormInput.Weekday), "2", CohortForm.Fields.Weekday, CourseErrors.UnknownValue)]
    [InlineData(nameof(CohortFormInput.Weekday), "Tuesday, Friday", CohortForm.Fields.Weekday, CourseErrors.UnknownValue)]
    [InlineData(nameof(CohortFormInput.Weeks), "0", CohortForm.Fields.Weeks, CourseErrors.WeeksOutOfRange)]
    [InlineData(nameof(CohortFormInput.Weeks), "31", CohortForm.Fields.Weeks, CourseErrors.WeeksOutOfRange)]
    [InlineData(nameof(CohortFormInput.Weeks), "-3", CohortForm.Fields.Weeks, CourseErrors.WeeksOutOfRange)]
    [InlineData(nameof(CohortFormInput.Weeks), "4.5", CohortForm.Fields.Weeks, CourseErrors.WeeksOutOfRange)]
    [InlineData(nameof(CohortFormInput.StartTime), "5 pm", CohortForm.Fields.StartTime, CourseErrors.InvalidTime)]
    [InlineData(nameof(CohortFormInput.StartTime), "25:00", CohortForm.Fields.StartTime, CourseErrors.InvalidTime)]
    [InlineData(nameof(CohortFormInput.EndTime), "16:00", CohortForm.Fields.EndTime, CourseErrors.EndNotAfterStart)]
    [InlineData(nameof(CohortFormInput.EndTime), "", CohortForm.Fields.EndTime, CourseErrors.Required)]
    [InlineData(nameof(CohortFormInput.Place), "  ", CohortForm.Fields.Place, CourseErrors.Required)]
    [InlineData(nameof(CohortFormInput.Name), "Hold for 010190-1234", CohortForm.Fields.Name, CourseErrors.LooksLikeCpr)]
    public void A_bad_field_gets_its_error_and_no_cohort(string property, string value, string field, string code)
    {
        var input = property switch
        {
            nameof(CohortFormInput.StartDate) => Valid with { StartDate = value },
            nameof(CohortFormInput.Weekday) => Valid with { Weekday = value },
            nameof(CohortFormInput.Weeks) => Valid with { Weeks = value },
            nameof(CohortFormInput.StartTime) => Valid with { StartTime = value },
            nameof(CohortFormInput.EndTime) => Valid with { EndTime = value },
            nameof(CohortFormInput.Place) => Valid with { Place = value },
            _ => Valid with { Name = value },
        };

        var (form, errors) = CohortForm.Validate(input, CourseFixtures.Now);

        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [field] = code }, errors);
    }

    [Fact]
    public void Place_and_name_have_length_limits()
    {
        var (_, errors) = CohortForm.Validate(Valid with { Place = new string('x', CohortForm.MaxPlaceLength + 1), Name = new string('y', CohortForm.MaxNameLength + 1) }, CourseFixtures.Now);

        Assert.Equal(CourseErrors.TooLong, errors[CohortForm.Fields.Place]);
        Assert.Equal(CourseErrors.TooLong, errors[CohortForm.Fields.Name]);
        Assert.Empty(CohortForm.Validate(Valid with { Place = new string('x', CohortForm.MaxPlaceLength) }, CourseFixtures.Now).Errors);
    }

    [Fact]
    public void A_correction_of_the_name_or_place_follows_the_forms_rules_and_changes_nothing_else()
    {
        var plan = CourseFixtures.Plan();

        var corrected = CohortForm.Correct(plan, null, " Vollsmose Bibliotek ");
        var refused = CohortForm.Correct(plan, new string('y', CohortForm.MaxNameLength + 1), "010190-1234");

        Assert.Equal(plan with { Place = "Vollsmose Bibliotek" }, corrected.Plan);
        Assert.Null(refused.Plan);
        Assert.Equal(new Dictionary<string, string> { [CohortForm.Fields.Name] = CourseErrors.TooLong, [CohortForm.Fields.Place] = CourseErrors.LooksLikeCpr }, refused.Errors);
        Assert.Equal(CourseErrors.Required, CohortForm.Correct(plan, " ", null).Errors[CohortForm.Fields.Name]);
    }

    [Fact]
    public void The_start_date_is_judged_by_the_Copenhagen_date_of_now()
    {
        // 23:30 UTC on 4 January is already 5 January in Copenhagen: a course starting that day is not in the past.
        var lateEvening = new DateTimeOffset(2027, 1, 4, 23, 30, 0, TimeSpan.Zero);

        Assert.Empty(CohortForm.Validate(Valid, lateEvening).Errors);
        Assert.Equal(CourseErrors.InPast, CohortForm.Validate(Valid, lateEvening.AddDays(1)).Errors[CohortForm.Fields.StartDate]);
    }

    [Fact]
    public void Weeks_at_the_bounds_are_accepted()
    {
        Assert.Empty(CohortForm.Validate(Valid with { Weeks = "1" }, CourseFixtures.Now).Errors);
        Assert.Empty(CohortForm.Validate(Valid with { Weeks = "30" }, CourseFixtures.Now).Errors);
    }
}
