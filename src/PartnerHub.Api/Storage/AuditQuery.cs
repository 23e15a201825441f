using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Which audit rows to read: a period [<see cref="From"/>, <see cref="Until"/>) (each month a partition), optionally
/// only one actor's and/or one record's. Callers bound the period by <see cref="MaxMonths"/> on their own calendar (the
/// audit trail in Copenhagen months, the subject export back from this month).
/// </summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset Until, string? Actor = null, string? RecordType = null, string? RecordId = null)
{
    /// <summary>The longest period a caller asks for: a bound on the partitions one request touches.</summary>
    public const int MaxMonths = 36;

    internal IEnumerable<DateTime> MonthsNewestFirst() => Months().Reverse();

    internal string Filter(string partition) => (Actor, RecordType, RecordId) switch
    {
        (null, null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
        (string actor, null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Actor eq {actor}"),
        (null, string type, string id) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RecordType eq {type} and RecordId eq {id}"),
        (string actor, string type, string id) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Actor eq {actor} and RecordType eq {type} and RecordId eq {id}"),
        _ => throw new InvalidOperationException("A record is named by its type and its id together."),
    };

    private IEnumerable<DateTime> Months()
    {
        var first = new DateTime(From.UtcDateTime.Year, From.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var last = Until.UtcDateTime.AddTicks(-1);
        for (var month = first; month <= last && month.Year < 10000; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}
