using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class DanishHolidaysTests
{
    // Store Bededag: the fourth Friday after Easter, a public holiday until 2023 and abolished from 2024 (lov nr. 73 af 28/02/2023).
    [Theory]
    [InlineData("2022-05-13", true)]
    [InlineData("2023-05-05", true)]
    [InlineData("2024-04-26", false)]
    [InlineData("2025-05-16", false)]
    [InlineData("2027-04-23", false)]
    public void Store_Bededag_is_a_holiday_before_2024_and_not_from_2024(string date, bool expected) =>
        Assert.Equal(expected, DanishHolidays.IsPublicHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2027-01-01")] // New Year's Day
    [InlineData("2027-03-25")] // Maundy Thursday
    [InlineData("2027-03-26")] // Good Friday
    [InlineData("2027-03-29")] // Easter Monday
    [InlineData("2027-05-06")] // Ascension Day
    [InlineData("2027-05-17")] // Whit Monday
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    public void The_fixed_and_Easter_holidays_are_holidays(string date) =>
        Assert.True(DanishHolidays.IsPublicHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2027-01-05")]
    [InlineData("2027-03-23")]
    [InlineData("2026-12-29")]
    public void Ordinary_days_are_not(string date) =>
        Assert.False(DanishHolidays.IsPublicHoliday(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
}
