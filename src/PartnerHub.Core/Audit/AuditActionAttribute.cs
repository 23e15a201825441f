namespace PartnerHub.Core.Audit;

/// <summary>
/// Marks what the audit can write as an action: on an enum, every name of it; on a <c>const string</c>, its value.
/// The audit trail's texts must name every marked action in Danish and English (the registry in
/// <c>PartnerHub.Api/AuditTrail/AuditActions</c> reads them by reflection, and a test compares), so an action is
/// declared here once, where it is written, never as a literal at the call.
/// </summary>
[AttributeUsage(AttributeTargets.Enum | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AuditActionAttribute : Attribute;
