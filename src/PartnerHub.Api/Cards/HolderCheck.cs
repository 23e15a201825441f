namespace PartnerHub.Api.Cards;

/// <summary>How a card update learns who each person holding a card of the record is now, and so what she may see.</summary>
public enum HolderCheck
{
    /// <summary>
    /// From the project's remembered people (<see cref="Partners.DirectoryStore.RememberedMemberAsync"/>): a change made
    /// through this instance at once, one made elsewhere within <c>ReadCache:Seconds</c>, the bound by which her own card
    /// actions are let in. For the updates after a record changed: no call per card.
    /// </summary>
    Remembered,

    /// <summary>
    /// Each holder's own row, read now. For a delivery that exists because someone left: her cards must stop showing the
    /// details whichever instance delivers it, however recently it read the people.
    /// </summary>
    ReadNow,
}
