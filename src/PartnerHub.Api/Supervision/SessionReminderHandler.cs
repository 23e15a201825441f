using System.Text.Json.Nodes;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// The day-before reminder to every invitee who has not declined, in her language with the RSVP buttons. Sent once per
/// start time: a reminder row for a start that has since moved, a cancelled session or one already reminded stands down.
/// </summary>
public sealed class SessionReminderHandler(
    SessionStore sessions,
    SessionViews views,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
    SessionSystemWriter writer,
    TimeProvider time) : IOutboxHandler
{
    public string Kind => SessionNotifications.Reminder;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || project is null || !ReminderPolicy.IsDue(stored.Session, time.GetUtcNow()))
        {
            return;
        }

        var session = stored.Session;
        foreach (var invitee in ReminderPolicy.Recipients(session))
        {
            if (await directory.FindMemberAsync(delivery.ProjectId, invitee.ObjectId, cancellationToken) is not { } member)
            {
                continue;
            }

            // A reminder is never updated in place, so where it lands is not remembered.
            await cards.SendIfReachableAsync(delivery, project.TenantId, member, shows: null,
                language => Task.FromResult<JsonObject?>(views.Reminder(session, Actor.From(member), language)), cancellationToken);
        }

        // Recorded after sending: a crash in between repeats the reminder rather than losing it.
        await writer.ApplyAsync(delivery.ProjectId, session.Id, (current, _) => ReminderPolicy.MarkSent(current), cancellationToken);
    }
}
