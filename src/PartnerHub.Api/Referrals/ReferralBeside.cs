using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// What a referral's card needs besides the referral row, kept in rows beside it so the referral's own read (one prefix
/// range over <c>referral|{id}</c>) brings them and a change needs no second read: <c>referral|{id}|card|{object id}</c>
/// (she holds a card of it: its refresh audience), <c>referral|{id}|onward</c> (it has onward referrals) and
/// <c>referral|{id}|kept</c> (the referral was created with these rows: without it, an older referral, they are read
/// the old way). Each is written in the same transaction as what it mirrors (the card location, the onward referral,
/// the referral), and only ever added, so two instances cannot lose one. A card sent and an onward referral add theirs
/// without touching the referral's ETag (its version): see <see cref="ReferralBesideCache"/> for what that means when remembered.
/// </summary>
/// <param name="Holders">Who holds a card (object id, Teams user id), in the order of their card locations' keys.</param>
public sealed record ReferralBeside(IReadOnlyList<(string ObjectId, string UserId)> Holders, bool HasOnward)
{
    private const string Card = "|card|";
    private const string Onward = "|onward";
    private const string Kept = "|kept";

    /// <summary>A referral just created: nobody but <paramref name="holder"/> (if any) holds a card, no onward referral yet.</summary>
    public static ReferralBeside New(CardLocation? holder) => new(holder is null ? [] : [(holder.ObjectId, holder.UserId)], HasOnward: false);

    public IReadOnlyList<string> Audience => CardLocationStore.Audience(Holders.Select(h => h.UserId));

    /// <summary>The same with her card recorded too (a change recorded the card she acted on).</summary>
    public ReferralBeside With(CardLocation? holder) =>
        holder is null || Holders.Contains((holder.ObjectId, holder.UserId))
            ? this
            : this with
            {
                Holders = [.. Holders.Where(h => h.ObjectId != holder.ObjectId).Append((holder.ObjectId, holder.UserId)).OrderBy(h => TableKeys.Escape(h.ObjectId), StringComparer.Ordinal)],
            };

    public static TableEntity KeptRow(string projectId, string referralId) => new(projectId, ReferralEntity.RowKey(referralId) + Kept);

    public static TableEntity OnwardRow(string projectId, string referralId) => new(projectId, ReferralEntity.RowKey(referralId) + Onward);

    public static TableEntity HolderRow(string projectId, string referralId, CardLocation location) =>
        new(projectId, ReferralEntity.RowKey(referralId) + Card + TableKeys.Escape(location.ObjectId)) { ["UserId"] = location.UserId };

    /// <summary>The rows beside one referral (keys after <c>referral|{id}</c>), or null when it was created before they were kept.</summary>
    public static ReferralBeside? Read(string referralId, IEnumerable<TableEntity> rows)
    {
        var prefix = ReferralEntity.RowKey(referralId);
        var kept = false;
        var onward = false;
        var holders = new List<(string, string)>();
        foreach (var row in rows)
        {
            var suffix = row.RowKey[prefix.Length..];
            if (suffix == Kept)
            {
                kept = true;
            }
            else if (suffix == Onward)
            {
                onward = true;
            }
            else if (suffix.StartsWith(Card, StringComparison.Ordinal))
            {
                holders.Add((TableKeys.Unescape(suffix[Card.Length..]), row.GetString("UserId") ?? string.Empty));
            }
        }

        return kept ? new ReferralBeside(holders, onward) : null;
    }
}

/// <summary>Referral cards' holders are kept beside the referral (<see cref="ReferralBeside"/>).</summary>
internal sealed class ReferralCardHolders(ReferralBesideCache? besides = null) : ICardHolderRows
{
    public CardKind Kind => CardKind.Referral;

    public TableEntity Row(string projectId, string id, CardLocation location) => ReferralBeside.HolderRow(projectId, id, location);

    /// <summary>A card sent leaves the referral's version as it is: what this instance remembers beside it gains her.</summary>
    public Task RecordedAloneAsync(string projectId, string id, CardLocation location, Func<Task> write) =>
        besides is null ? write() : besides.HolderAddedAsync(projectId, id, location, write);
}
