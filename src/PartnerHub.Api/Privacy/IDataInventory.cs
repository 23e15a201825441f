namespace PartnerHub.Api.Privacy;

/// <summary>
/// A feature's declaration of what it stores, kept beside its store. <see cref="DataInventory"/> finds every
/// implementation in this assembly; tests fail when a column a store writes, or a property of a JSON column's record,
/// is not declared here (tests/PartnerHub.Api.Tests/Privacy).
/// </summary>
public interface IDataInventory
{
    IEnumerable<StoredRow> Rows { get; }
}
