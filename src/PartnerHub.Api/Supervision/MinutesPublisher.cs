using PartnerHub.Api.Graph;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// The last step of written and attached minutes alike: the document goes to the project's folder in the SharePoint
/// library (one PUT up to 4 MiB, an upload session above), then is recorded on the session as its author's, which
/// puts the link on every card. Graph's permanent refusals fail the outbox row at once (<see cref="GraphFailures"/>).
/// </summary>
public sealed class MinutesPublisher(IDocumentGateway documents, GraphOptions options, SessionSystemWriter writer)
{
    public async Task PublishAsync(
        string projectId, string sessionId, ProjectMember author, string fileName, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        StoredDocument? document = null;
        await GraphFailures.RunAsync(async () =>
            document = await documents.UploadAsync($"{options.MinutesFolder}/{projectId}", fileName, content, length, contentType, cancellationToken));
        var actor = Actor.From(author);
        await writer.ApplyAsync(projectId, sessionId,
            (session, now) => SessionWorkflow.Apply(session, new AddMinutes(document!.WebUrl, fileName), actor, now), cancellationToken);
    }
}
