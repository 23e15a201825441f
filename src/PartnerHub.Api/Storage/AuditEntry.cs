using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>One audit row as read: when, who (object id), what action, on which record, and whether it was allowed.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string RecordType, string RecordId, bool Allowed)
{
    internal static AuditEntry From(TableEntity row) => new(
        row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        row.GetString("Actor") ?? "",
        row.GetString("Action") ?? "",
        row.GetString("RecordType") ?? "",
        row.GetString("RecordId") ?? "",
        row.GetBoolean("Allowed") ?? false);
}
