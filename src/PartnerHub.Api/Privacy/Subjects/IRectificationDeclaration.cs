namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// A feature's declaration of how each personal field it stores is corrected (GDPR Art. 16), kept beside its
/// <c>*DataInventory</c>. <see cref="Rectification"/> finds every implementation in this assembly; a test fails when a
/// personal field of the data inventory has no declaration (tests/PartnerHub.Api.Tests/Privacy/Subjects).
/// </summary>
public interface IRectificationDeclaration
{
    IEnumerable<RectificationRow> Rows { get; }
}
