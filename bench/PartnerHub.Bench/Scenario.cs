using System.Text;
using System.Text.Json.Nodes;

namespace PartnerHub.Bench;

/// <summary>
/// One kind of Teams traffic: the activity Teams would POST to /api/messages and what a correct answer looks like.
/// Activities come from the demo project's coordinator (Alex in the Agents Playground) in her personal chat, unless
/// a scenario says otherwise, and carry the fake Connector as serviceUrl.
/// </summary>
public sealed class Scenario
{
    // src/PartnerHub.Api/Partners/DemoData.cs: the Playground tenant, the coordinator, the demo project and a referral.
    public const string TenantId = "00000000-0000-0000-0000-000000000001";
    public const string CoordinatorObjectId = "00000000-0000-0000-0000-000000000020";
    public const string ProjectId = "vollsmose";
    public const string ReferralId = "r3pcdemocontactd";
    private const string IdPlaceholder = "@@ACTIVITY-ID@@";
    private const string DataPlaceholder = "@@ACTION-DATA@@";
    private const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    private readonly string _template;
    private readonly byte[][] _markers;
    private readonly Func<JsonObject>? _data;

    internal Scenario(string key, string title, (int Requests, int Warmup) size, bool repliesThroughConnector, JsonObject activity, params string[] markers)
        : this(key, title, size, repliesThroughConnector, activity, null, ScenarioKind.Help, markers)
    {
    }

    /// <param name="data">When set, each request's Action.Execute data comes from it (a fresh record, the next answer), so a
    /// change always acts on a record in a state where it is valid.</param>
    internal Scenario(string key, string title, (int Requests, int Warmup) size, bool repliesThroughConnector, JsonObject activity, Func<JsonObject>? data, ScenarioKind kind, params string[] markers)
    {
        Key = key;
        Kind = kind;
        _data = data;
        if (data is not null)
        {
            activity["value"]!["action"]!["data"] = DataPlaceholder;
        }

        Requests = size.Requests;
        Warmup = size.Warmup;
        Title = title;
        RepliesThroughConnector = repliesThroughConnector;
        activity["id"] = IdPlaceholder;
        _template = activity.ToJsonString();
        _markers = [.. markers.Select(Encoding.UTF8.GetBytes)];
    }

    public string Key { get; }

    /// <summary>Sees every accepted answer (the submit scenario collects the new referrals' ids for accept).</summary>
    public Action<byte[]>? Observer { get; init; }

    /// <summary>What the action does with storage: the issue's targets differ for a read and a change.</summary>
    public ScenarioKind Kind { get; }
    public string Title { get; }

    /// <summary>Measured requests per row unless --requests says otherwise: about 5 s of work each on this machine.</summary>
    public int Requests { get; }

    public int Warmup { get; }

    /// <summary>A message: the answer is HTTP 200 and one activity posted to the Connector.</summary>
    public bool RepliesThroughConnector { get; }

    /// <summary>The activity's JSON with a fresh id, as UTF-8 bytes.</summary>
    public byte[] Body(long sequence)
    {
        var text = _template.Replace(IdPlaceholder, "bench-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (_data is not null)
        {
            text = text.Replace("\"" + DataPlaceholder + "\"", _data().ToJsonString(), StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Whether an HTTP 200 body is the right answer: every marker present (invokes carry the card in the body).</summary>
    public bool Accepts(ReadOnlySpan<byte> body)
    {
        foreach (var marker in _markers)
        {
            if (body.IndexOf(marker) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>(a) "hjælp" in the personal chat: the help card as a reply through the Connector.</summary>
    public static Scenario HelpMessage(Uri serviceUrl) => new(
        "a", "message \"hjælp\" in the personal chat → help card replied through the Connector (PartnerHub also stores the conversation reference: one Table Storage upsert)", (1000, 200), true,
        Activity("message", serviceUrl, "personal", text: "hjælp"));

    /// <summary>(a′) the same in a group chat: PartnerHub stores no conversation reference there, so no Table Storage write.</summary>
    public static Scenario HelpMessageGroupChat(Uri serviceUrl) => new(
        "a′", "message \"hjælp\" in a group chat → the same reply; PartnerHub stores no conversation reference there, so no storage (the like-for-like twin of the peer's a)", (2000, 200), true,
        Activity("message", serviceUrl, "groupChat", text: "hjælp"));

    /// <summary>
    /// (b) Action.Execute help.show: the help card rendered in the invoke response, in her language as the bot knows it
    /// (her choice and her project, remembered: no storage call once warm). The like-for-like twin of the ceiling and the
    /// peer, which answer the same card from memory.
    /// </summary>
    public static Scenario HelpInvoke(Uri serviceUrl) => new(
        "b", "invoke adaptiveCard/action help.show → the help card in the invoke response (her language remembered: no storage once warm)", (3000, 300), false,
        Invoke(serviceUrl, "help.show", new JsonObject(), "manual"),
        AdaptiveCardType, "\"AdaptiveCard\"");

    /// <summary>(b′) Action.Execute help.language: her language choice written (one upsert), then the same help card.</summary>
    public static Scenario HelpLanguageInvoke(Uri serviceUrl) => new(
        "b′", "invoke adaptiveCard/action help.language → her language choice written (one Table Storage upsert), then the help card in the invoke response", (3000, 300), false,
        Invoke(serviceUrl, "help.language", new JsonObject { ["language"] = "da" }, "manual"),
        AdaptiveCardType, "\"AdaptiveCard\"");

    /// <summary>(c) the coordinator's referral card refreshing (Teams' automatic refresh): Table Storage reads, an audit row.</summary>
    public static Scenario ReferralRefreshInvoke(Uri serviceUrl, string referralId = ReferralId) => new(
        "c", $"invoke adaptiveCard/action referral.refresh by the coordinator on demo referral {referralId} → her referral card in the invoke response (Table Storage reads and an audit row, Azurite)", (2000, 1000), false,
        Invoke(serviceUrl, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId }, "automatic"),
        null, ScenarioKind.Read, AdaptiveCardType, referralId);

    internal const string CardType = AdaptiveCardType;

    internal static JsonObject Invoke(Uri serviceUrl, string verb, JsonObject data, string trigger, string fromObjectId = CoordinatorObjectId)
    {
        var activity = Activity("invoke", serviceUrl, "personal", fromObjectId: fromObjectId);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "bench-card-1";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = trigger,
        };
        return activity;
    }

    private static JsonObject Activity(string type, Uri serviceUrl, string conversationType, string? text = null, string fromObjectId = CoordinatorObjectId)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = IdPlaceholder,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl.ToString(),
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:bench-" + fromObjectId[^2..], ["name"] = "Bench", ["aadObjectId"] = fromObjectId },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationType == "personal" ? "a:bench-personal-chat-" + fromObjectId[^2..] : "19:bench-group-chat@thread.v2",
                ["conversationType"] = conversationType,
                ["isGroup"] = conversationType != "personal",
                ["tenantId"] = TenantId,
            },
            ["recipient"] = new JsonObject { ["id"] = "28:partnerhub-bench", ["name"] = "PartnerHub" },
            ["locale"] = "da-DK",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}

/// <summary>What a scenario does with storage, for the issue's targets (a read action, a change, or neither).</summary>
public enum ScenarioKind
{
    Help,
    Read,
    Change,
}
