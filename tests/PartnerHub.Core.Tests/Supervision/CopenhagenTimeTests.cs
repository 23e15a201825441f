using PartnerHub.Core.Supervision;

namespace PartnerHub.Core.Tests.Supervision;

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
