using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Tests.Localization;

public class CopenhagenDatesTests
{
    // 2026-12-09 13:00 UTC is 14:00 in Copenhagen (winter, +01:00).
    private static readonly DateTimeOffset WinterStart = new(2026, 12, 9, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_on_one_day_reads_like_the_tab_in_each_language()
    {
        var end = WinterStart.AddHours(2);
        Assert.Equal("onsdag 9. december 2026 kl. 14.00–16.00", CopenhagenDates.Range(WinterStart, end, Languages.Danish));
        Assert.Equal("Wednesday 9 December 2026, 14:00–16:00", CopenhagenDates.Range(WinterStart, end, Languages.English));
    }

    [Fact]
    public void A_month_is_named_in_each_language()
    {
        Assert.Equal("marts 2026", CopenhagenDates.MonthYear(new DateOnly(2026, 3, 31), Languages.Danish));
        Assert.Equal("March 2026", CopenhagenDates.MonthYear(new DateOnly(2026, 3, 31), Languages.English));
    }

    [Fact]
    public void A_range_over_midnight_names_both_days()
    {
        var start = new DateTimeOffset(2026, 12, 9, 21, 0, 0, TimeSpan.Zero);
        var end = start.AddHours(4);
        Assert.Equal("onsdag 9. december 2026 kl. 22.00 – torsdag 10. december 2026 kl. 02.00", CopenhagenDates.Range(start, end, Languages.Danish));
        Assert.Equal("Wednesday 9 December 2026, 22:00 – Thursday 10 December 2026, 02:00", CopenhagenDates.Range(start, end, Languages.English));
    }

    [Fact]
    public void A_utc_evening_that_is_already_tomorrow_in_Copenhagen_shows_tomorrow()
    {
        var lateUtc = new DateTimeOffset(2026, 11, 19, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal("fredag 20. november 2026 kl. 00.30", CopenhagenDates.DateAndTime(lateUtc, Languages.Danish));
        Assert.Equal("Friday 20 November 2026, 00:30", CopenhagenDates.DateAndTime(lateUtc, Languages.English));
    }

    [Theory]
    // The last minute of winter time and the first of summer time (2026-03-29, 01:00 UTC).
    [InlineData("2026-03-29T00:59:00Z", "søndag 29. marts 2026 kl. 01.59")]
    [InlineData("2026-03-29T01:00:00Z", "søndag 29. marts 2026 kl. 03.00")]
    // Summer time ends 2026-10-25 01:00 UTC: 02:30 happens twice.
    [InlineData("2026-10-25T00:30:00Z", "søndag 25. oktober 2026 kl. 02.30")]
    [InlineData("2026-10-25T01:30:00Z", "søndag 25. oktober 2026 kl. 02.30")]
    [InlineData("2026-10-25T02:00:00Z", "søndag 25. oktober 2026 kl. 03.00")]
    [InlineData("2026-07-01T10:00:00Z", "onsdag 1. juli 2026 kl. 12.00")]
    public void Times_follow_Copenhagen_summer_and_winter_time(string utc, string expected) =>
        Assert.Equal(expected, CopenhagenDates.DateAndTime(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Languages.Danish));

    [Fact]
    public void A_range_across_the_spring_switch_is_still_one_day()
    {
        var start = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        Assert.Equal("søndag 29. marts 2026 kl. 01.30–04.30", CopenhagenDates.Range(start, start.AddHours(2), Languages.Danish));
    }

    [Fact]
    public void A_date_alone_has_the_same_style()
    {
        Assert.Equal("mandag 4. maj 2026", CopenhagenDates.Date(new DateOnly(2026, 5, 4), Languages.Danish));
        Assert.Equal("Monday 4 May 2026", CopenhagenDates.Date(new DateOnly(2026, 5, 4), Languages.English));
        Assert.Equal("lørdag 1. august 2026", CopenhagenDates.Date(new DateTimeOffset(2026, 7, 31, 22, 30, 0, TimeSpan.Zero), Languages.Danish));
    }
}
