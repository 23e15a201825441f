namespace PartnerHub.Api.Cards;

/// <summary>
/// The card a person acted on (her object id and its message's activity id, ids only), carried in an update-cards
/// outbox payload. The invoke response already replaced that card with the new one, so the update skips it: updating
/// it again a second later would wipe what she may have started typing in it.
/// </summary>
public sealed record ActingCard(string ObjectId, string ActivityId)
{
    public bool Is(CardLocation location) =>
        string.Equals(location.ObjectId, ObjectId, StringComparison.Ordinal) && string.Equals(location.ActivityId, ActivityId, StringComparison.Ordinal);
}
