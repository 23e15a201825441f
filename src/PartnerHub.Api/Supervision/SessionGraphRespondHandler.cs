using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>Sends the invitee's current answer (not the one at the time of the click): a later answer wins, a retry repeats it harmlessly.</summary>
public sealed class SessionGraphRespondHandler(SessionStore sessions, ICalendarGateway calendar) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphRespond;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        if (stored is null || stored.Session.State != SessionState.Scheduled || stored.Session.InviteeOf(payload.ObjectId) is not { Rsvp: not Rsvp.None } invitee)
        {
            return;
        }

        var iCalUId = stored.Session.CalendarICalUId ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        var response = invitee.Rsvp switch
        {
            Rsvp.Accepted => AttendeeResponse.Accepted,
            Rsvp.Tentative => AttendeeResponse.TentativelyAccepted,
            _ => AttendeeResponse.Declined,
        };
        await GraphFailures.RunAsync(() => calendar.RespondAsync(invitee.ObjectId, iCalUId, response, cancellationToken));
    }
}
