using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Referrals;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>What every fault test checks: the answer she gets, and what the tables hold afterwards.</summary>
internal static class FaultAssert
{
    public const string TryAgainDanish = "PartnerHub kan ikke nå sine data lige nu";
    public const string TryAgainEnglish = "PartnerHub cannot reach its data just now";

    /// <summary>Presses a button as <see cref="ReferralScenario.ActAsync"/> does, but returns whatever came back, 500s included.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PressAsync(BotHost host, ReferralScenario.Person person, string verb, JsonObject data, string cardActivityId = "card-1")
    {
        var invoke = host.ActivityFrom("invoke", person.ConversationId, (person.UserId, person.ObjectId));
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = cardActivityId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        using var response = await host.PostSignedAsync(invoke);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The invoke answered 200 with a card (never a 500, never an exception's text); true when it is the "try again"
    /// card, in the expected language.
    /// </summary>
    public static bool IsTryAgain((HttpStatusCode Status, string Body) answer, string language = "da")
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"Expected a card, got {(int)answer.Status}: {answer.Body}");
        NoInternals(answer.Body);
        var card = ReferralScenario.Card(JsonNode.Parse(answer.Body)!.AsObject());
        var text = ReferralScenario.Text(card);
        var tryAgain = text.Contains(TryAgainDanish, StringComparison.Ordinal) || text.Contains(TryAgainEnglish, StringComparison.Ordinal);
        if (tryAgain)
        {
            Assert.Contains(language == "da" ? TryAgainDanish : TryAgainEnglish, text, StringComparison.Ordinal);
        }

        return tryAgain;
    }

    /// <summary>No exception type, stack frame or injected message in what the user or client sees.</summary>
    public static void NoInternals(string body)
    {
        foreach (var leak in new[] { "Exception", "   at ", "Injected", "stackTrace", "ServerBusy", "devstoreaccount1", "127.0.0.1" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// One outbox sweep while storage may be failing: it delivers what it can, or (when even the list of projects
    /// cannot be read) throws a storage error, which the dispatcher's loop logs and survives. Never anything else.
    /// </summary>
    public static async Task<int> SweepAsync(ReferralScenario scenario)
    {
        try
        {
            return await scenario.DeliverAsync();
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e, CancellationToken.None))
        {
            return 0;
        }
    }

    /// <summary>Every row of one project's partition in the main table (test-only range read).</summary>
    public static async Task<List<TableEntity>> PartitionAsync(TableStore tables, string projectId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Table(TableNames.Main).QueryAsync<TableEntity>(r => r.PartitionKey == projectId))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static int Count(IEnumerable<TableEntity> rows, string rowKeyPrefix) =>
        rows.Count(row => row.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal));

    /// <summary>Referral rows themselves (<c>referral|{id}</c>), not the rows kept beside them (<c>referral|{id}|…</c>).</summary>
    public static int Referrals(IEnumerable<TableEntity> rows) =>
        rows.Count(row => row.RowKey.StartsWith("referral|", StringComparison.Ordinal) && row.RowKey.IndexOf('|', "referral|".Length) < 0);

    /// <summary>Outbox rows of a kind, pending and delivered (tombstones keep the kind).</summary>
    public static (int Pending, int Done) Outbox(IEnumerable<TableEntity> rows, string kind)
    {
        var ofKind = rows.Where(row => row.GetString(OutboxKeys.Kind) == kind).ToList();
        return (Count(ofKind, OutboxKeys.Prefix), Count(ofKind, OutboxKeys.DonePrefix));
    }
}
