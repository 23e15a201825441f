using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Reach;

/// <summary>What Reach tells itself through the outbox: the coordinators' report needs redrawing (ids only: none at all).</summary>
public static class ReachNotifications
{
    public const string ReportChangedKind = "reach.report-changed";

    public static OutboxMessage ReportChanged() => new(ReportChangedKind, "{}");
}
