using PartnerHub.Api.Bot;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// Her answer on the "which project?" card: the same rule as <c>PUT …/outlook-events/{eventId}</c> (a coordinator of
/// the chosen project, her own meeting, not another project's session), then <see cref="OutlookAdoptionService.MarkAsync"/>,
/// which is an upsert whose outbox row adopts once, so a retried click changes nothing. Bad input is an error card.
/// </summary>
public sealed class OutlookAskCardActions(
    ActorResolver actors,
    OrganizerProjects organizerProjects,
    SessionStore sessions,
    ProjectStore projects,
    OutlookAdoptionService adoption,
    OutlookAskCards views,
    HelpCards help) : ICardActionHandler
{
    public const string Adopt = "session.outlook.adopt";

    public IReadOnlyCollection<string> Verbs { get; } = [Adopt];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var eventId = context.DataString("eventId");
        var projectId = context.DataString("projectId");
        if (!OutlookEventEndpoints.IsValidEventId(eventId))
        {
            return Error(language, "sessions.outlook.ask.badEvent");
        }

        if (!Project.IsValidId(projectId)
            || await actors.ResolveAsync(context.Activity, projectId, null, cancellationToken) is not { Role: ProjectRole.Coordinator } actor
            || await projects.FindAsync(projectId!, cancellationToken) is not { } project)
        {
            return Error(language, "sessions.outlook.ask.forbidden");
        }

        // Answered before (here, in the pane or by REST): say where it is rather than mark it again.
        foreach (var coordinated in await organizerProjects.CoordinatedByAsync(project.Id, actor.ObjectId, cancellationToken))
        {
            if (await sessions.FindByEventAsync(coordinated, eventId!, cancellationToken) is { } adopted)
            {
                if (!string.Equals(adopted.Session.OrganizerObjectId, actor.ObjectId, StringComparison.Ordinal))
                {
                    return Error(language, "sessions.outlook.ask.otherOrganizer");
                }

                var name = coordinated == project.Id ? project.Name : (await projects.FindAsync(coordinated, cancellationToken))?.Name ?? coordinated;
                return InvokeResponse.Card(views.Answered(adopted.Session, name, language));
            }
        }

        await adoption.MarkAsync(project.Id, actor.ObjectId, eventId!, cancellationToken);
        return InvokeResponse.Card(views.Answered(null, project.Name, language));
    }

    private InvokeResponse Error(string language, string path) => InvokeResponse.Card(help.Error(language, help.Text(language, path)));
}
