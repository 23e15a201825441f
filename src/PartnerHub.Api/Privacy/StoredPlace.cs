namespace PartnerHub.Api.Privacy;

/// <summary>A place PartnerHub keeps data in its own storage account: a table, a blob container or a queue.</summary>
public sealed record StoredPlace(string Name, string Kind, string What);
