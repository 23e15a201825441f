namespace PartnerHub.Core.Reporting;

/// <summary>
/// A feature's raw figures for one project and period, before suppression. Raw so that a programme lead's projects
/// can be added up first and suppressed once (<see cref="ProgrammeReport"/>): medians and rates are carried as what
/// adds up (a histogram, a numerator and denominator), never as a finished number.
/// </summary>
public sealed record SectionCounts(IReadOnlyList<RawFigure> Figures, IReadOnlyList<RawTable> Tables)
{
    public static SectionCounts Empty { get; } = new([], []);
}

/// <summary>A table's true counts with its row and column keys (see <see cref="ReportTable"/>).</summary>
public sealed record RawTable(
    string Id,
    IReadOnlyList<string> RowKeys,
    IReadOnlyList<string> ColumnKeys,
    CountTable Counts,
    ReportChart Chart,
    bool CountsMentions = false);

public abstract record RawFigure(string Id);

/// <summary>A count, e.g. outreach contacts or active mothers.</summary>
public sealed record RawCount(string Id, int Count) : RawFigure(Id);

/// <summary>A rate as parts: e.g. attendances of invitations to held sessions.</summary>
public sealed record RawRate(string Id, int Numerator, int Denominator) : RawFigure(Id);

/// <summary>Days per case (key: whole days, value: how many cases), so medians across projects can be taken.</summary>
public sealed record RawMedianDays(string Id, IReadOnlyDictionary<int, int> DaysHistogram) : RawFigure(Id);
