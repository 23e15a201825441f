namespace PartnerHub.Api.Privacy;

/// <summary>
/// One column of a stored row, or one property inside a JSON column (path "Data.Invitees.ObjectId", names as in the
/// code), with what it holds and why PartnerHub keeps it.
/// </summary>
public sealed record StoredField(string Name, DataKind Kind, string Purpose);
