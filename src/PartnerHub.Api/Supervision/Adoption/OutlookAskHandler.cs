using System.Text.Json;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// Sends the "which project?" card to a coordinator of several projects, in her personal chat. The event is read again
/// first: a meeting adopted, deleted or stripped of the category meanwhile needs no question. Ids only in the row.
/// </summary>
public sealed class OutlookAskHandler(
    ICalendarGateway calendar,
    OrganizerProjects organizerProjects,
    SessionStore sessions,
    ProjectStore projects,
    DirectoryStore directory,
    OutlookAskCards views,
    ProactiveCards cards) : IOutboxHandler
{
    public string Kind => OutlookAdoptionService.AskKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<OutlookAdoptionService.AdoptPayload>(delivery.Payload)
            ?? throw new OutboxDeliveryException("badPayload", permanent: true);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        var member = await directory.FindMemberAsync(delivery.ProjectId, payload.OrganizerObjectId, cancellationToken);
        if (project is null || member is null
            || await calendar.GetEventAsync(payload.OrganizerObjectId, payload.EventId, cancellationToken) is not { } snapshot)
        {
            return;
        }

        var meeting = OutlookMeetings.From(snapshot);
        var coordinated = await organizerProjects.CoordinatedByAsync(delivery.ProjectId, payload.OrganizerObjectId, cancellationToken);
        if (!meeting.HasCategory || meeting.IsDeleted || meeting.IsCancelled || coordinated.Count < 2)
        {
            return;
        }

        var choices = new List<ProjectChoice>();
        foreach (var projectId in coordinated)
        {
            if (await sessions.FindByEventAsync(projectId, payload.EventId, cancellationToken) is not null)
            {
                return; // Answered meanwhile (the pane or REST): already a session.
            }

            if (await projects.FindAsync(projectId, cancellationToken) is { } coordinatedProject)
            {
                choices.Add(new ProjectChoice(projectId, coordinatedProject.Name));
            }
        }

        await cards.SendOrFailAsync(delivery, project.TenantId, member, null,
            language => Task.FromResult<System.Text.Json.Nodes.JsonObject?>(views.Ask(meeting, delivery.ProjectId, choices, language)), cancellationToken);
    }
}
