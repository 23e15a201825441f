using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision.MeetingAttendance;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Sends the session card to each invitee who has none yet (a retry skips those already sent) and remembers where it
/// landed. A new session passes here whatever made it (a card, the tab, a meeting adopted from Outlook, which already
/// has its Teams link), so an online one's look for its Teams attendance is planned here too.
/// </summary>
public sealed class SendSessionCardsHandler(
    SessionStore sessions,
    SessionViews views,
    CardLocationStore locations,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
    AttendanceChecks attendanceChecks) : IOutboxHandler
{
    public string Kind => SessionNotifications.SendCard;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || project is null)
        {
            return;
        }

        var sent = (await locations.ForAsync(delivery.ProjectId, CardKind.Session, payload.SessionId, cancellationToken)).Select(l => l.ObjectId).ToHashSet(StringComparer.Ordinal);
        foreach (var recipient in payload.Recipients ?? [])
        {
            if (sent.Contains(recipient) || await directory.FindMemberAsync(delivery.ProjectId, recipient, cancellationToken) is not { } member)
            {
                continue;
            }

            // She may not have opened the bot yet: Outlook's invitation still reaches her. Not worth failing the others for.
            await cards.SendIfReachableAsync(delivery, project.TenantId, member, new CardRecord(CardKind.Session, payload.SessionId),
                language => views.CardForAsync(Actor.From(member), stored, language, null, null, cancellationToken), cancellationToken);
        }

        await attendanceChecks.EnsureScheduledAsync(stored.Session, cancellationToken);
    }
}
