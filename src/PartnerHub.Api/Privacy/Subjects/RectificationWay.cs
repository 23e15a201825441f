namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>How a personal field is corrected (GDPR Art. 16), or why it is not: said plainly for the DPO.</summary>
public abstract record RectificationWay;

/// <summary>Corrected through an existing surface (an endpoint, a card verb or a tab page, named as the access matrix names it) by these roles; audited there.</summary>
public sealed record CorrectedThrough(string Surface, IReadOnlyList<AccessRole> Roles, string How) : RectificationWay;

/// <summary>Not corrected in PartnerHub, and rightly so: an id, a value written by the system, a record of who did what, or data owned elsewhere (Entra, Teams).</summary>
public sealed record NotCorrectable(string Why) : RectificationWay;

/// <summary>Should be correctable but has no way yet: a gap, listed so it is seen and closed.</summary>
public sealed record NoPathYet(string Why) : RectificationWay;

/// <summary>One way one personal field of one kind of row is corrected.</summary>
/// <param name="Store">The store, as <see cref="StoredRow.Store"/>.</param>
/// <param name="Row">A part of the row's key (<see cref="StoredRow.Key"/>) that names exactly one declared row of that store.</param>
/// <param name="Field">The field, as declared in the data inventory.</param>
public sealed record FieldRectification(string Store, string Row, string Field, RectificationWay Way);
