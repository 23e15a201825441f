using System.Globalization;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Dashboard.Reporting;

/// <summary>The Rapport page's period picker: its fields as typed, and the period they make (null when they make none).</summary>
public sealed class ReportPeriodForm
{
    public ReportPeriodKind Kind { get; set; } = ReportPeriodKind.Quarter;

    public int Year { get; set; }

    public int Quarter { get; set; } = 1;

    /// <summary>"yyyy-MM", as an input of type month gives it.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>The last whole quarter before <paramref name="today"/>: what a coordinator reports most often.</summary>
    public void StartAt(DateOnly today)
    {
        var quarter = ((today.Month - 1) / 3) + 1;
        (Year, Quarter) = quarter == 1 ? (today.Year - 1, 4) : (today.Year, quarter - 1);
        var first = new DateOnly(Year, ((Quarter - 1) * 3) + 1, 1);
        From = ReportPeriod.MonthKey(first);
        To = ReportPeriod.MonthKey(first.AddMonths(2));
    }

    public ReportPeriod? Period() => Kind switch
    {
        ReportPeriodKind.Quarter => ReportPeriod.Parse(string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Quarter}")),
        ReportPeriodKind.Year => ReportPeriod.Parse(Year.ToString(CultureInfo.InvariantCulture)),
        _ => ReportPeriod.Parse(From + ".." + To),
    };
}
