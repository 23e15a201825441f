namespace PartnerHub.Core.Changes;

/// <summary>How a change asked of a service ended: one vocabulary for every feature, mapped once to cards and REST.</summary>
public enum ChangeOutcome
{
    Changed,
    NotFound,
    Forbidden,
    InvalidTransition,
    InvalidInput,

    /// <summary>The card or client acted on an older version: nothing changed; show the current one.</summary>
    Stale,

    /// <summary>Someone else's write won the race between our read and write: nothing changed; show the current one.</summary>
    Conflict,

    /// <summary>A retried request (Teams retries invokes after 5 s) that was already applied: show the current one.</summary>
    Duplicate,
}
