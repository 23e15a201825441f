using PartnerHub.Api.AuditTrail;

namespace PartnerHub.Api.Tests.AuditTrail;

/// <summary>The one parser of the trail's filter: Copenhagen dates to the audit's instants, and every field checked.</summary>
public sealed class AuditTrailFilterTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Fact]
    public void Without_dates_it_is_the_last_30_days_today_included()
    {
        var filter = AuditTrailFilter.Parse(null, " ", null, null, null, Today).Filter!;

        Assert.Equal(new DateOnly(2026, 11, 5), filter.From);
        Assert.Equal(Today, filter.To);
        Assert.Equal(AuditTrailFilter.LastDays(Today), filter);
    }

    [Fact]
    public void The_dates_are_copenhagen_days_from_midnight_to_midnight_in_summer_and_winter()
    {
        var query = AuditTrailFilter.Parse("2026-07-01", "2026-11-30", " someone ", "referral", "r1", Today).Filter!.Query();

        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), query.Until);
        Assert.Equal(("someone", "referral", "r1"), (query.Actor, query.RecordType, query.RecordId));
    }

    [Theory]
    [InlineData("2026-02-30", null, null, null, null, "from", "date")]
    [InlineData("1999-12-31", null, null, null, null, "from", "date")]
    [InlineData(null, "4/12/2026", null, null, null, "to", "date")]
    [InlineData("2026-12-05", "2026-12-04", null, null, null, "to", "order")]
    [InlineData("2023-12-31", "2026-12-04", null, null, null, "to", "tooLong")]
    [InlineData(null, null, "a\u0001", null, null, "actor", "invalid")]
    [InlineData(null, null, null, "referral", null, "recordId", "pair")]
    [InlineData(null, null, null, null, "r1", "recordType", "pair")]
    [InlineData(null, null, null, "Referral'", "r1", "recordType", "invalid")]
    public void A_bad_field_is_named_with_its_error(string? from, string? to, string? actor, string? recordType, string? recordId, string field, string code)
    {
        var result = AuditTrailFilter.Parse(from, to, actor, recordType, recordId, Today);

        Assert.Null(result.Filter);
        Assert.Equal(code, result.Errors[field]);
    }

    [Fact]
    public void Thirty_six_calendar_months_are_the_most_and_a_long_id_is_refused()
    {
        Assert.NotNull(AuditTrailFilter.Parse("2024-01-01", "2026-12-31", null, null, null, Today).Filter);
        Assert.Equal("tooLong", AuditTrailFilter.Parse("2023-12-31", "2026-12-31", null, null, null, Today).Errors["to"]);
        Assert.Equal("invalid", AuditTrailFilter.Parse(null, null, null, "referral", new string('x', 201), Today).Errors["recordId"]);
    }
}
