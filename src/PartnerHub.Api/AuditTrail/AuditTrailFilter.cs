using System.Globalization;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.AuditTrail;

/// <summary>
/// What the coordinator asked to see: Copenhagen dates from and to (both included), optionally one person (the actor's
/// object id) and one record (its type and id together). The one parser for the tab and REST: every field checked
/// here, at the edge, before anything is read.
/// </summary>
public sealed record AuditTrailFilter(DateOnly From, DateOnly To, string? Actor = null, string? RecordType = null, string? RecordId = null)
{
    /// <summary>Without dates: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest period, in calendar months: the audit's own bound (<see cref="AuditQuery.MaxMonths"/>).</summary>
    public const int MaxMonths = AuditQuery.MaxMonths;

    private const int MaxIdLength = 200;

    public static AuditTrailFilter LastDays(DateOnly today) => new(today.AddDays(-(DefaultDays - 1)), today);

    /// <summary>The filter, or the fields in error (field name → error code: <c>date</c>, <c>order</c>, <c>tooLong</c>, <c>invalid</c>, <c>pair</c>).</summary>
    public static AuditTrailFilterResult Parse(string? from, string? to, string? actor, string? recordType, string? recordId, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var toDate = Date(to, "to", today, errors);
        var fromDate = Date(from, "from", toDate.AddDays(-(DefaultDays - 1)), errors);
        if (errors.Count == 0 && fromDate > toDate)
        {
            errors["to"] = "order";
        }
        else if (errors.Count == 0 && MonthSpan(fromDate, toDate) > MaxMonths)
        {
            errors["to"] = "tooLong";
        }

        actor = Optional(actor, "actor", errors);
        recordType = Optional(recordType, "recordType", errors);
        recordId = Optional(recordId, "recordId", errors);
        if (recordType is not null && !recordType.All(c => c is (>= 'a' and <= 'z') or '-' or ' ' or '.'))
        {
            errors["recordType"] = "invalid";
        }

        if ((recordType is null) != (recordId is null) && !errors.ContainsKey("recordType") && !errors.ContainsKey("recordId"))
        {
            errors[recordType is null ? "recordType" : "recordId"] = "pair";
        }

        return errors.Count > 0
            ? new AuditTrailFilterResult(null, errors)
            : new AuditTrailFilterResult(new AuditTrailFilter(fromDate, toDate, actor, recordType, recordId), errors);
    }

    /// <summary>
    /// The audit query: from Copenhagen midnight of <see cref="From"/> to Copenhagen midnight after <see cref="To"/>.
    /// A period starting on the 1st reads the month before's partition too, for the hour or two it is behind in UTC.
    /// </summary>
    public AuditQuery Query() => new(Midnight(From), Midnight(To.AddDays(1)), Actor, RecordType, RecordId);

    /// <summary>"2026-11-05": as an input of type date gives it and the REST query takes it.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int MonthSpan(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    private static DateTimeOffset Midnight(DateOnly date) =>
        CopenhagenTime.FromLocal(date, TimeOnly.MinValue) ?? CopenhagenTime.FromLocal(date, new TimeOnly(1, 0))!.Value;

    private static DateOnly Date(string? text, string field, DateOnly fallback, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors[field] = "date";
        return fallback;
    }

    private static string? Optional(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxIdLength || trimmed.Any(char.IsControl))
        {
            errors[field] = "invalid";
            return null;
        }

        return trimmed;
    }
}

/// <summary>A parsed filter, or why not (field → error code).</summary>
public sealed record AuditTrailFilterResult(AuditTrailFilter? Filter, IReadOnlyDictionary<string, string> Errors);
