using PartnerHub.Api.Graph;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Supervision;

/// <summary>Builds the Outlook event from the session as it is now (Danish text, user text encoded), so a late retry sends current data.</summary>
public sealed class SessionEventFactory(CardCatalog cards)
{
    public CalendarEventRequest For(SupervisionSession session) => new(
        session.OrganizerObjectId,
        TransactionId(session),
        session.Title,
        EventBodyHtml.Paragraphs(
            cards.Text(Languages.Danish, "sessionKinds." + session.Kind) + " for bydelsmødrene.",
            session.Agenda.Length > 0 ? cards.Text(Languages.Danish, "sessions.fields.agenda") + ":\n" + session.Agenda : null,
            "Du kan også svare på kortet fra PartnerHub i Teams."),
        session.Start,
        session.End,
        session.IsOnline ? null : session.Place,
        session.IsOnline,
        [.. session.Invitees.Select(i => i.ObjectId)]);

    /// <summary>Stable per session: a retried create (after a timeout, a 429 or a crash) returns the first event.</summary>
    public static string TransactionId(SupervisionSession session) => $"partnerhub-{session.ProjectId}-{session.Id}";
}
