using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>
/// Which of the npm renderer's parse and validation events fail a card. Every one does, except exactly one warning
/// on exactly one kind of input: Teams' people picker is an <c>Input.ChoiceSet</c> whose choices Teams fetches
/// (<c>"choices.data": {"type": "Data.Query", …}</c>), so it has no fixed choices and the renderer, which knows
/// nothing of Data.Query, says it must have one. That warning is accepted for those inputs (by id) and no others.
/// </summary>
internal static class CardChecks
{
    public const string EmptyChoicesEvent = "CollectionCantBeEmpty";
    public const string EmptyChoicesMessage = "An Input.ChoiceSet must have at least one choice defined.";

    /// <summary>The events that fail <paramref name="expanded"/>, from the referee's result for it.</summary>
    public static List<JsonNode> Failures(JsonObject refereeResult, JsonNode? expanded)
    {
        ArgumentNullException.ThrowIfNull(refereeResult);
        var pickers = PeoplePickerIds(expanded);
        return refereeResult["parseEvents"]!.AsArray()
            .Concat(refereeResult["validationEvents"]!.AsArray())
            .Where(e => !IsPeoplePickerWarning(e!, pickers))
            .Select(e => e!)
            .ToList();
    }

    /// <summary>The ids of the inputs that are people pickers: ChoiceSets whose choices come from a Data.Query.</summary>
    public static HashSet<string> PeoplePickerIds(JsonNode? card)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Collect(card, ids);
        return ids;
    }

    private static bool IsPeoplePickerWarning(JsonNode e, HashSet<string> pickers) =>
        (string?)e["event"] == EmptyChoicesEvent
        && (string?)e["message"] == EmptyChoicesMessage
        && e["sourceId"] is JsonValue id && id.TryGetValue<string>(out var sourceId)
        && pickers.Contains(sourceId);

    private static void Collect(JsonNode? node, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject element:
                if ((string?)element["type"] == "Input.ChoiceSet"
                    && element["choices.data"] is JsonObject query && (string?)query["type"] == "Data.Query"
                    && element["id"] is JsonValue id && id.TryGetValue<string>(out var value))
                {
                    ids.Add(value);
                }

                foreach (var (_, child) in element)
                {
                    Collect(child, ids);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Collect(item, ids);
                }

                break;
        }
    }
}
