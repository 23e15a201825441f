using System.Text;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Uploads the minutes text to the project's SharePoint library under a name made of kind, date and id only, then
/// records the document on the session (as the coordinator who wrote them), which updates every card with the link.
/// </summary>
public sealed class SessionUploadMinutesHandler(SessionStore sessions, DirectoryStore directory, MinutesPublisher publisher) : IOutboxHandler
{
    public const string Extension = ".txt";

    public string Kind => SessionNotifications.UploadMinutesKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var text = await sessions.MinutesTextAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var author = payload.ObjectId is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.ObjectId, cancellationToken);
        if (stored is null || text is null || author is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        using var content = new MemoryStream(bytes);
        await publisher.PublishAsync(delivery.ProjectId, payload.SessionId, author,
            SessionMinutes.MinutesFileName(stored.Session, Extension), content, bytes.Length, MinutesFile.ContentTypes[Extension], cancellationToken);
    }
}
