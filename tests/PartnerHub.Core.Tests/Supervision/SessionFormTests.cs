using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;
using E = PartnerHub.Core.Supervision.SessionForm.Errors;
using F = PartnerHub.Core.Supervision.SessionForm.Fields;

namespace PartnerHub.Core.Tests.Supervision;

public class SessionFormTests
{
    private static readonly SessionFormInput Valid = new()
    {
        Kind = "Supervision",
        Title = "  Supervision marts ",
        Agenda = " 1. Runde\n2. Sager ",
        Place = "",
        Online = "false",
        Date = "2026-03-12",
        StartTime = "10:00",
        EndTime = "12:00",
        Invitees = $"{Amina}, {Hodan},{Staff}",
    };

    private static (ValidSessionForm? Form, IReadOnlyDictionary<string, string> Errors) Validate(SessionFormInput input, DateTimeOffset? now = null) =>
        SessionForm.Validate(input, TheProject, Members, now ?? Now);

    private static void AssertOnlyError(SessionFormInput input, string field, string code, DateTimeOffset? now = null)
    {
        var (form, errors) = Validate(input, now);
        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [field] = code }, errors);
    }

    [Fact]
    public void A_valid_form_becomes_the_session_details_in_utc_with_the_fixed_place_by_default()
    {
        var (form, errors) = Validate(Valid);

        Assert.Empty(errors);
        Assert.Equal(Form, form);
        Assert.Equal("Vollsmose Kulturhus", form!.Place);
        Assert.Equal(TimeSpan.Zero, form.Start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero), form.Start);
    }

    [Fact]
    public void Every_error_is_keyed_by_one_of_the_form_s_field_ids()
    {
        var (_, errors) = Validate(new SessionFormInput { Online = "maybe", Place = new string('x', 201), Agenda = new string('x', 1001) });

        var fields = new[] { F.Kind, F.Title, F.Agenda, F.Place, F.Online, F.Date, F.StartTime, F.EndTime, F.Invitees };
        Assert.Equal(
            new Dictionary<string, string>
            {
                [F.Kind] = E.Required,
                [F.Title] = E.Required,
                [F.Agenda] = E.TooLong,
                [F.Online] = E.UnknownValue,
                [F.Place] = E.TooLong,
                [F.Date] = E.Required,
                [F.StartTime] = E.Required,
                [F.EndTime] = E.Required,
                [F.Invitees] = E.Required,
            },
            errors);
        Assert.All(errors.Keys, key => Assert.Contains(key, fields));
    }

    [Theory]
    [InlineData("supervision", SessionKind.Supervision)]
    [InlineData("ExperienceExchange", SessionKind.ExperienceExchange)]
    [InlineData(" COURSEFOLLOWUP ", SessionKind.CourseFollowUp)]
    public void Kind_is_one_of_the_names_in_any_case(string raw, SessionKind expected) =>
        Assert.Equal(expected, Validate(Valid with { Kind = raw }).Form!.Kind);

    [Theory]
    [InlineData("Coffee")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("Supervision,ExperienceExchange")]
    public void Kind_that_is_not_exactly_one_name_is_unknown(string raw) => AssertOnlyError(Valid with { Kind = raw }, F.Kind, E.UnknownValue);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Title_is_required(string? raw) => AssertOnlyError(Valid with { Title = raw }, F.Title, E.Required);

    [Fact]
    public void Title_is_at_most_100_characters_after_trimming()
    {
        Assert.Equal(new string('t', 100), Validate(Valid with { Title = " " + new string('t', 100) + " " }).Form!.Title);
        AssertOnlyError(Valid with { Title = new string('t', 101) }, F.Title, E.TooLong);
    }

    [Fact]
    public void Agenda_is_optional_and_at_most_1000_characters()
    {
        Assert.Equal(string.Empty, Validate(Valid with { Agenda = null }).Form!.Agenda);
        Assert.Equal(1000, Validate(Valid with { Agenda = new string('a', 1000) }).Form!.Agenda.Length);
        AssertOnlyError(Valid with { Agenda = new string('a', 1001) }, F.Agenda, E.TooLong);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("agenda")]
    [InlineData("place")]
    public void A_cpr_number_never_goes_into_text_that_every_invitee_s_outlook_shows(string field)
    {
        const string text = "Om Fatima 010203-1234";
        var input = field switch
        {
            "title" => Valid with { Title = text },
            "agenda" => Valid with { Agenda = text },
            _ => Valid with { Place = text },
        };
        AssertOnlyError(input, field, E.LooksLikeCpr);
    }

    [Fact]
    public void A_typed_place_is_kept()
    {
        Assert.Equal("Højstrup Skole", Validate(Valid with { Place = " Højstrup Skole " }).Form!.Place);
        AssertOnlyError(Valid with { Place = new string('p', 201) }, F.Place, E.TooLong);
    }

    [Fact]
    public void Without_a_typed_place_or_a_fixed_place_the_place_is_required()
    {
        var (form, errors) = SessionForm.Validate(Valid, TheProject with { FixedPlace = " " }, Members, Now);
        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [F.Place] = E.Required }, errors);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void Online_sessions_have_no_place_even_when_the_field_was_filled(string raw)
    {
        var form = Validate(Valid with { Online = raw, Place = "Vollsmose Kulturhus" }).Form!;
        Assert.True(form.IsOnline);
        Assert.Null(form.Place);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("FALSE")]
    public void Online_is_false_unless_true(string? raw) => Assert.False(Validate(Valid with { Online = raw }).Form!.IsOnline);

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void Online_is_true_or_false(string raw) => AssertOnlyError(Valid with { Online = raw }, F.Online, E.UnknownValue);

    [Theory]
    [InlineData("2026-3-12")]
    [InlineData("12-03-2026")]
    [InlineData("12.03.2026")]
    [InlineData("2026-02-30")]
    [InlineData("2026-03-12T10:00")]
    public void Date_is_yyyy_MM_dd(string raw) => AssertOnlyError(Valid with { Date = raw }, F.Date, E.InvalidDate);

    [Fact]
    public void Date_before_today_in_copenhagen_is_in_the_past() =>
        AssertOnlyError(Valid with { Date = "2026-03-09" }, F.Date, E.InPast);

    [Fact]
    public void Today_is_fine_if_the_start_is_still_ahead_and_in_the_past_otherwise()
    {
        Assert.NotNull(Validate(Valid with { Date = "2026-03-10", StartTime = "15:00", EndTime = "16:00" }).Form);
        AssertOnlyError(Valid with { Date = "2026-03-10", StartTime = "14:00", EndTime = "16:00" }, F.StartTime, E.InPast);
    }

    [Fact]
    public void Today_is_the_copenhagen_date_not_the_utc_date()
    {
        // 23:30 UTC on 9 March is already 10 March in Copenhagen.
        var now = new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.Zero);
        AssertOnlyError(Valid with { Date = "2026-03-09", StartTime = "23:45", EndTime = "23:50" }, F.Date, E.InPast, now);
    }

    [Fact]
    public void A_year_ahead_is_the_limit()
    {
        Assert.NotNull(Validate(Valid with { Date = "2027-03-10" }).Form);
        AssertOnlyError(Valid with { Date = "2027-03-12" }, F.Date, E.TooFarAhead);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("9.30")]
    [InlineData("10")]
    [InlineData("10:00 AM")]
    public void Times_are_HH_mm(string raw)
    {
        AssertOnlyError(Valid with { StartTime = raw }, F.StartTime, E.InvalidTime);
        AssertOnlyError(Valid with { EndTime = raw }, F.EndTime, E.InvalidTime);
    }

    [Fact]
    public void Times_with_seconds_are_accepted() =>
        Assert.Equal(Form.Start, Validate(Valid with { StartTime = "10:00:00" }).Form!.Start);

    [Theory]
    [InlineData("10:00")]
    [InlineData("09:59")]
    public void End_after_start(string end) => AssertOnlyError(Valid with { EndTime = end }, F.EndTime, E.EndNotAfterStart);

    [Fact]
    public void Eight_hours_at_most()
    {
        Assert.NotNull(Validate(Valid with { StartTime = "08:00", EndTime = "16:00" }).Form);
        AssertOnlyError(Valid with { StartTime = "08:00", EndTime = "16:01" }, F.EndTime, E.DurationTooLong);
    }

    // Denmark: CET (+01:00) in winter, CEST (+02:00) from the last Sunday in March 02:00 to the last Sunday in October 03:00.
    [Theory]
    [InlineData("2026-03-28", "10:00", "11:00", "2026-03-28T09:00:00Z")]
    [InlineData("2026-03-29", "01:59", "04:00", "2026-03-29T00:59:00Z")]
    [InlineData("2026-03-29", "03:00", "04:00", "2026-03-29T01:00:00Z")]
    [InlineData("2026-03-29", "10:00", "11:00", "2026-03-29T08:00:00Z")]
    [InlineData("2026-10-24", "10:00", "11:00", "2026-10-24T08:00:00Z")]
    [InlineData("2026-10-25", "01:59", "04:00", "2026-10-24T23:59:00Z")]
    // 02:00-02:59 happens twice on 25 October: the first (summer time) is meant.
    [InlineData("2026-10-25", "02:00", "04:00", "2026-10-25T00:00:00Z")]
    [InlineData("2026-10-25", "02:30", "04:00", "2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25", "03:00", "04:00", "2026-10-25T02:00:00Z")]
    [InlineData("2026-10-25", "10:00", "11:00", "2026-10-25T09:00:00Z")]
    public void Copenhagen_time_converts_to_utc_across_the_dst_switches(string date, string start, string end, string expectedUtc)
    {
        var (form, errors) = Validate(Valid with { Date = date, StartTime = start, EndTime = end });

        Assert.Empty(errors);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), form!.Start);
    }

    [Theory]
    [InlineData("02:00")]
    [InlineData("02:30")]
    [InlineData("02:59")]
    public void A_time_skipped_when_clocks_go_forward_does_not_exist(string time)
    {
        AssertOnlyError(Valid with { Date = "2026-03-29", StartTime = time, EndTime = "05:00" }, F.StartTime, E.NonexistentTime);
        AssertOnlyError(Valid with { Date = "2026-03-29", StartTime = "01:00", EndTime = time }, F.EndTime, E.NonexistentTime);
    }

    [Fact]
    public void Duration_is_real_time_on_the_switch_days()
    {
        // Spring forward: 00:00-08:30 on the clock is 7.5 hours; 01:00-04:00 is two.
        var spring = Validate(Valid with { Date = "2026-03-29", StartTime = "00:00", EndTime = "08:30" }).Form!;
        Assert.Equal(TimeSpan.FromHours(7.5), spring.End - spring.Start);
        var short1 = Validate(Valid with { Date = "2026-03-29", StartTime = "01:00", EndTime = "04:00" }).Form!;
        Assert.Equal(TimeSpan.FromHours(2), short1.End - short1.Start);

        // Fall back: 01:00-08:30 on the clock is 8.5 hours, too long; 02:00-03:00 is two hours (02:00 first time round).
        AssertOnlyError(Valid with { Date = "2026-10-25", StartTime = "01:00", EndTime = "08:30" }, F.EndTime, E.DurationTooLong);
        var autumn = Validate(Valid with { Date = "2026-10-25", StartTime = "02:00", EndTime = "03:00" }).Form!;
        Assert.Equal(TimeSpan.FromHours(2), autumn.End - autumn.Start);
    }

    [Fact]
    public void An_ambiguous_end_is_its_first_occurrence_too()
    {
        // 02:15 -> 02:45 on 25 October: both first occurrences, 30 minutes.
        var form = Validate(Valid with { Date = "2026-10-25", StartTime = "02:15", EndTime = "02:45" }).Form!;
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 15, 0, TimeSpan.Zero), form.Start);
        Assert.Equal(TimeSpan.FromMinutes(30), form.End - form.Start);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" , ,")]
    public void At_least_one_invitee(string? raw) => AssertOnlyError(Valid with { Invitees = raw }, F.Invitees, E.Required);

    [Theory]
    [InlineData("mother-unknown")]
    [InlineData(CoordinatorId)]
    [InlineData(TeacherId)]
    [InlineData("mother-other-project")]
    [InlineData("MOTHER-AMINA")]
    public void Only_the_project_s_mothers_and_partner_staff_may_be_invited(string id) =>
        AssertOnlyError(Valid with { Invitees = $"{Amina},{id}" }, F.Invitees, E.NotEligible);

    [Fact]
    public void Invitees_are_distinct_in_order_with_their_roles()
    {
        var form = Validate(Valid with { Invitees = $"{Staff},{Amina},{Staff}, {Amina}" }).Form!;
        Assert.Equal([new SessionInvitation(Staff, ProjectRole.PartnerStaff), new SessionInvitation(Amina, ProjectRole.NeighbourhoodMother)], form.Invitees);
    }

    [Fact]
    public void At_most_60_invitees()
    {
        var mothers = Enumerable.Range(1, 61).Select(i => new ProjectMember($"m-{i}", ProjectId, ProjectRole.NeighbourhoodMother, null, "M")).ToList();
        var sixty = string.Join(",", mothers.Take(60).Select(m => m.ObjectId));
        var (form, _) = SessionForm.Validate(Valid with { Invitees = sixty }, TheProject, mothers, Now);
        Assert.Equal(60, form!.Invitees.Count);

        var (none, errors) = SessionForm.Validate(Valid with { Invitees = sixty + ",m-61" }, TheProject, mothers, Now);
        Assert.Null(none);
        Assert.Equal(new Dictionary<string, string> { [F.Invitees] = E.TooMany }, errors);
    }

    [Fact]
    public void Null_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => SessionForm.Validate(null!, TheProject, Members, Now));
        Assert.Throws<ArgumentNullException>(() => SessionForm.Validate(Valid, null!, Members, Now));
        Assert.Throws<ArgumentNullException>(() => SessionForm.Validate(Valid, TheProject, null!, Now));
    }
}
