using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
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
    private const string HoldersSuffix = "|holders";
    private const string OnwardProperty = "Onward";

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

    /// <summary>
    /// The referral's holders row <c>referral|{id}|holders</c> (<see cref="HoldersRow"/>): every card location of the
    /// referral and, referral's own, whether it has onward referrals (<c>Onward</c>, merged by the onward referral), so
    /// the referral's read and its outbox's card update are point reads. Kept under the referral's key, where it was
    /// first written, rather than the default <see cref="HoldersRow.Key"/>.
    /// </summary>
    public static string HoldersRowKey(string referralId) => ReferralEntity.RowKey(referralId) + HoldersSuffix;

    /// <summary>The referral's holders row by its keys, or null when there is none.</summary>
    public static Task<TableEntity?> HoldersRowAsync(TableClient table, string projectId, string referralId, CancellationToken cancellationToken) =>
        HoldersRow.ReadAsync(table, projectId, HoldersRowKey(referralId), cancellationToken);

    /// <summary>Her card's location, merged into the holders row (the same as its <c>card|referral|…</c> row).</summary>
    public static TableEntity HolderMerge(string projectId, string referralId, CardLocation location) =>
        HoldersRow.Merge(projectId, HoldersRowKey(referralId), location);

    /// <summary>That the referral has onward referrals, merged into the holders row.</summary>
    public static TableEntity OnwardMerge(string projectId, string referralId) => new(projectId, HoldersRowKey(referralId)) { [OnwardProperty] = true };

    /// <summary>A complete holders row (created with its referral) with these cards, for writing a referral's whole life at once (the benchmark's seeding).</summary>
    public static TableEntity HoldersRowWith(string projectId, string referralId, IEnumerable<CardLocation> locations, bool hasOnward)
    {
        var row = HoldersRow.Full(projectId, HoldersRowKey(referralId), locations);
        if (hasOnward)
        {
            row[OnwardProperty] = true;
        }

        return row;
    }

    /// <summary>The card locations a transaction merges into the referral's holders row (the acting card of a change).</summary>
    public static IReadOnlyList<CardLocation> HoldersMergedBy(IEnumerable<TableTransactionAction> actions, string projectId, string referralId) =>
        HoldersRow.MergedBy(actions, projectId, HoldersRowKey(referralId));

    /// <summary>What a complete holders row says beside the referral, or null when it is not complete.</summary>
    public static ReferralBeside? FromHoldersRow(TableEntity? row) =>
        HoldersRow.LocationsIn(row) is { } locations
            ? new ReferralBeside([.. locations.Select(l => (l.ObjectId, l.UserId))], row!.GetBoolean(OnwardProperty) == true)
            : null;

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

/// <summary>Referral cards' holders are kept beside the referral (<see cref="ReferralBeside"/>), in its holders row and, for older readers, one row each.</summary>
internal sealed class ReferralCardHolders(ReferralBesideCache? besides = null) : ICardHolderRows
{
    public CardKind Kind => CardKind.Referral;

    public string RowKey(string id) => ReferralBeside.HoldersRowKey(id);

    public IEnumerable<TableEntity> RowsBeside(string projectId, string id, CardLocation location) => [ReferralBeside.HolderRow(projectId, id, location)];

    /// <summary>A card sent leaves the referral's version as it is: what this instance remembers beside it gains her.</summary>
    public Task RecordedAloneAsync(string projectId, string id, CardLocation location, Func<Task> write) =>
        besides is null ? write() : besides.HolderAddedAsync(projectId, id, location, write);
}
