namespace PartnerHub.Api.Dashboard;

/// <summary>A programme lead at the keyboard, as her validated token names her: the report service checks her appointment.</summary>
public sealed record ProgrammeLeadIdentity(string TenantId, string ObjectId);
