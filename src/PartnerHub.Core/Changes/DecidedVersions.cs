namespace PartnerHub.Core.Changes;

/// <summary>
/// When a change made from an older version is still made from what is current. Every write bumps a record's version,
/// but some writes are PartnerHub's own bookkeeping (an Outlook event's ids, a reminder sent), not a decision. A person
/// acting from a version before such a write lost no race: nobody else decided anything since.
/// </summary>
public static class DecidedVersions
{
    /// <param name="from">The version the change was made from (the card's, the page's, the If-Match).</param>
    /// <param name="version">The record's version now.</param>
    /// <param name="decided">The version of the last change a person made; 0 when not kept (older rows): then only
    /// <paramref name="version"/> itself is current.</param>
    public static bool IsCurrent(int from, int version, int decided) => from <= version && from >= (decided <= 0 ? version : decided);
}
