using PartnerHub.Core.Outreach;

namespace PartnerHub.Core.Tests.Outreach;

public class OutreachFormTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    private static readonly string[] Topics = ["health", "job-centre", "child-rearing"];

    private static OutreachFormInput Valid => new()
    {
        Date = "2026-12-03",
        Kind = "HomeVisit",
        Women = "2",
        Topics = "health,job-centre",
        Services = "HealthVisitor, jobcentre",
    };

    [Fact]
    public void A_valid_form_reads_every_field_with_the_referrals_value_rule()
    {
        var (form, errors) = OutreachForm.Validate(Valid with { Kind = " homevisit " }, Topics, Today);

        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2026, 12, 3), form!.Date);
        Assert.Equal(OutreachKind.HomeVisit, form.Kind);
        Assert.Equal(2, form.Women);
        Assert.Equal(["health", "job-centre"], form.Topics);
        Assert.Equal([OutreachService.HealthVisitor, OutreachService.JobCentre], form.Services);
    }

    [Fact]
    public void Topics_and_services_may_be_left_empty_and_repeats_count_once()
    {
        var (empty, _) = OutreachForm.Validate(Valid with { Topics = "", Services = null }, Topics, Today);
        var (repeated, _) = OutreachForm.Validate(Valid with { Topics = "health,health", Services = "Doctor,doctor" }, Topics, Today);

        Assert.Empty(empty!.Topics);
        Assert.Empty(empty.Services);
        Assert.Equal(["health"], repeated!.Topics);
        Assert.Equal([OutreachService.Doctor], repeated.Services);
    }

    [Theory]
    [InlineData("date", null, "required")]
    [InlineData("date", " ", "required")]
    [InlineData("date", "3/12/2026", "invalidDate")]
    [InlineData("date", "2026-12-05", "dateInFuture")]
    [InlineData("date", "2026-10-04", "dateTooOld")]
    [InlineData("kind", null, "required")]
    [InlineData("kind", "Visit", "unknownValue")]
    [InlineData("kind", "0", "unknownValue")]
    [InlineData("kind", "HomeVisit,Phone", "unknownValue")]
    [InlineData("women", null, "required")]
    [InlineData("women", "0", "outOfRange")]
    [InlineData("women", "51", "outOfRange")]
    [InlineData("women", "-1", "outOfRange")]
    [InlineData("women", "2.5", "outOfRange")]
    [InlineData("women", "to", "outOfRange")]
    [InlineData("women", "99999999999", "outOfRange")]
    [InlineData("topics", "health,cooking", "unknownValue")]
    [InlineData("topics", "Health", "unknownValue")]
    [InlineData("services", "Police", "unknownValue")]
    [InlineData("services", "1", "unknownValue")]
    public void Each_bad_field_gets_its_code_and_no_form(string field, string? value, string code)
    {
        var input = field switch
        {
            "date" => Valid with { Date = value },
            "kind" => Valid with { Kind = value },
            "women" => Valid with { Women = value },
            "topics" => Valid with { Topics = value },
            _ => Valid with { Services = value },
        };

        var (form, errors) = OutreachForm.Validate(input, Topics, Today);

        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [field] = code }, errors);
    }

    [Fact]
    public void The_edges_of_the_ranges_are_allowed()
    {
        Assert.NotNull(OutreachForm.Validate(Valid with { Date = "2026-10-05", Women = "1" }, Topics, Today).Form);
        Assert.NotNull(OutreachForm.Validate(Valid with { Date = "2026-12-04", Women = "50" }, Topics, Today).Form);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var (_, errors) = OutreachForm.Validate(new OutreachFormInput { Topics = "x", Services = "y" }, Topics, Today);

        Assert.Equal(["date", "kind", "services", "topics", "women"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
