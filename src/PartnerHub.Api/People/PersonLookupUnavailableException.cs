namespace PartnerHub.Api.People;

/// <summary>
/// The organisation's directory could not answer whether someone is in it (Graph refused or failed after its retries):
/// not the same as "not found", so nobody is told a colleague is not in the organisation because Graph was down.
/// </summary>
public sealed class PersonLookupUnavailableException(string reason, Exception? inner = null)
    : Exception("The person lookup is unavailable: " + reason, inner)
{
    /// <summary>What failed, without personal data (e.g. "graph403").</summary>
    public string Reason { get; } = reason;
}
