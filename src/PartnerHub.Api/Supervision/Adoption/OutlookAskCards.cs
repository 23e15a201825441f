using System.Text.Json.Nodes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>A project she may choose for a meeting: its id and its name as the project row has it.</summary>
public sealed record ProjectChoice(string ProjectId, string Name);

/// <summary>
/// The card that asks a coordinator of several projects which project a meeting belongs to (<c>session-adopt</c>), and
/// its answered states. A private meeting shows no subject: its subject stays in Outlook, as on the adopted session.
/// </summary>
public sealed class OutlookAskCards(CardCatalog cards)
{
    public const string CardName = "session-adopt";

    public JsonObject Ask(OutlookMeeting meeting, string hintProjectId, IReadOnlyList<ProjectChoice> projects, string language)
    {
        var data = Common(meeting, "ask", language);
        data["eventId"] = meeting.EventId;
        data["hintProjectId"] = hintProjectId;
        data["projects"] = new JsonArray([.. projects.Select(p => (JsonNode)new JsonObject { ["title"] = p.Name, ["value"] = p.ProjectId })]);
        return cards.Render(CardName, data, language);
    }

    /// <summary>
    /// Her answer: "chosen" (it is being adopted; the card action reads nothing from Graph, so only the project is
    /// named) or "already" (it was a session before she answered; its time and title are shown).
    /// </summary>
    public JsonObject Answered(SupervisionSession? adopted, string projectName, string language)
    {
        var data = new JsonObject { ["state"] = adopted is null ? "chosen" : "already" };
        if (adopted is not null)
        {
            data["startText"] = CopenhagenDates.Range(adopted.Start, adopted.End, language);
            data["subject"] = adopted.Title;
        }

        data["message"] = cards.Text(language, adopted is null ? "sessions.outlook.ask.chosen" : "sessions.outlook.ask.already")
            .Replace("{0}", projectName, StringComparison.Ordinal);
        return cards.Render(CardName, data, language);
    }

    private static JsonObject Common(OutlookMeeting meeting, string state, string language)
    {
        var data = new JsonObject
        {
            ["state"] = state,
            ["startText"] = CopenhagenDates.Range(meeting.Start, meeting.End, language),
        };
        if (!meeting.IsPrivate && meeting.Subject.Trim() is { Length: > 0 } subject)
        {
            data["subject"] = subject;
        }

        return data;
    }
}
