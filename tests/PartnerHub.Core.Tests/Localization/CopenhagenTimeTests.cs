using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Tests.Localization;

public class CopenhagenTimeTests
{
    [Fact]
    public void The_eu_rule_fallback_agrees_with_the_time_zone_database_every_hour_around_the_switches()
    {
        var fallback = CopenhagenTime.EuRuleZone();
        for (var year = 2024; year <= 2035; year++)
        {
            foreach (var month in new[] { 3, 10 })
            {
                var from = new DateTimeOffset(year, month, 20, 0, 0, 0, TimeSpan.Zero);
                for (var at = from; at < from.AddDays(14); at = at.AddMinutes(30))
                {
                    Assert.Equal(CopenhagenTime.Zone.GetUtcOffset(at), fallback.GetUtcOffset(at));
                }
            }
        }
    }

    [Theory]
    // Spring 2026: clocks go forward at 01:00 UTC on the last Sunday of March; autumn: back at 01:00 UTC on the last
    // Sunday of October. Expected offsets written out, so the fallback is checked even on a machine without tzdata.
    [InlineData("2026-03-29T00:59:59Z", 1)]
    [InlineData("2026-03-29T01:00:00Z", 2)]
    [InlineData("2026-10-25T00:59:59Z", 2)]
    [InlineData("2026-10-25T01:00:00Z", 1)]
    [InlineData("2027-03-28T00:59:59Z", 1)]
    [InlineData("2027-03-28T01:00:00Z", 2)]
    [InlineData("2027-10-31T00:59:59Z", 2)]
    [InlineData("2027-10-31T01:00:00Z", 1)]
    [InlineData("2026-03-22T01:00:00Z", 1)]
    [InlineData("2026-10-18T01:00:00Z", 2)]
    [InlineData("2026-01-15T12:00:00Z", 1)]
    [InlineData("2026-07-15T12:00:00Z", 2)]
    public void The_fallback_gives_CET_and_CEST_either_side_of_each_switch(string utc, int hours)
    {
        var at = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(hours), CopenhagenTime.EuRuleZone().GetUtcOffset(at));
        Assert.Equal(TimeSpan.FromHours(hours), CopenhagenTime.Zone.GetUtcOffset(at));
    }

    [Fact]
    public void The_fallback_resolves_local_times_like_the_database()
    {
        var fallback = CopenhagenTime.EuRuleZone();
        var spring = new DateTime(2026, 3, 29, 2, 30, 0, DateTimeKind.Unspecified);
        var autumn = new DateTime(2026, 10, 25, 2, 30, 0, DateTimeKind.Unspecified);
        Assert.True(fallback.IsInvalidTime(spring));
        Assert.True(fallback.IsAmbiguousTime(autumn));
        Assert.Equal(CopenhagenTime.Zone.GetAmbiguousTimeOffsets(autumn).Order(), fallback.GetAmbiguousTimeOffsets(autumn).Order());
    }

    [Fact]
    public void Local_display_carries_the_offset_in_force()
    {
        Assert.Equal(TimeSpan.FromHours(1), CopenhagenTime.ToLocal(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(TimeSpan.FromHours(2), CopenhagenTime.ToLocal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(new DateOnly(2026, 3, 13), CopenhagenTime.DateOf(new DateTimeOffset(2026, 3, 12, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void From_local_skips_the_gap_and_takes_the_first_of_a_repeated_hour()
    {
        Assert.Null(CopenhagenTime.FromLocal(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), CopenhagenTime.FromLocal(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)));
        Assert.Equal(TimeSpan.Zero, CopenhagenTime.FromLocal(new DateOnly(2026, 7, 1), new TimeOnly(12, 0))!.Value.Offset);
    }
}
