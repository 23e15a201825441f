using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Where the cards showing a referral live (<c>card|{referralId}|{objectId}</c> in the project partition): one per
/// person who has one, so every change updates each in place with that person's own view. Ids only.
/// </summary>
public sealed class CardLocationStore(TableStore store)
{
    public const string Prefix = "card|";

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>The upsert, for a caller's transaction.</summary>
    public TableTransactionAction Upsert(string projectId, string referralId, CardLocation location) =>
        new(TableTransactionActionType.UpsertReplace, ToEntity(projectId, referralId, location));

    public async Task SaveAsync(string projectId, string referralId, CardLocation location, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(ToEntity(projectId, referralId, location), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<CardLocation>> ForReferralAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        var result = new List<CardLocation>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, $"{Prefix}{referralId}|"), cancellationToken: cancellationToken))
        {
            result.Add(new CardLocation(
                TableKeys.Unescape(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..]),
                row.GetString("UserId") ?? string.Empty,
                row.GetString("ServiceUrl") ?? string.Empty,
                row.GetString("ConversationId") ?? string.Empty,
                row.GetString("ActivityId") ?? string.Empty,
                row.GetString("Language") ?? "da"));
        }

        return result;
    }

    private static TableEntity ToEntity(string projectId, string referralId, CardLocation location) =>
        new(projectId, $"{Prefix}{referralId}|{TableKeys.Escape(location.ObjectId)}")
        {
            ["UserId"] = location.UserId,
            ["ServiceUrl"] = location.ServiceUrl,
            ["ConversationId"] = location.ConversationId,
            ["ActivityId"] = location.ActivityId,
            ["Language"] = location.Language,
        };
}
