using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Streams a staged minutes file to the project's SharePoint library under a name of kind, date and id only (length from
/// the blob, so a file above 4 MiB goes through an upload session), records the document on the session as the
/// coordinator who attached it (every card gets the link), then deletes the staged blob. A retry uploads to the same
/// name (Graph replaces it) and records the same document, so it changes nothing twice.
/// </summary>
public sealed class SessionUploadMinutesFileHandler(
    SessionStore sessions,
    DirectoryStore directory,
    StagedFileStore staging,
    MinutesPublisher publisher) : IOutboxHandler
{
    public string Kind => SessionNotifications.UploadMinutesFileKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        if (payload.BlobName is not { } blobName || !StagedFileStore.IsStagedName(blobName) || !blobName.StartsWith(delivery.ProjectId + "/", StringComparison.Ordinal)
            || payload.Extension is not { } extension || !MinutesFile.ContentTypes.TryGetValue(extension, out var contentType))
        {
            throw new OutboxDeliveryException("invalidPayload", permanent: true);
        }

        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var author = payload.ObjectId is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.ObjectId, cancellationToken);
        if (stored is null || author is null)
        {
            // The session or the coordinator is gone: nobody will want this file.
            await staging.DeleteAsync(blobName, cancellationToken);
            return;
        }

        var fileName = SessionMinutes.MinutesFileName(stored.Session, extension);
        await using (var file = await staging.OpenAsync(blobName, cancellationToken))
        {
            if (file is null)
            {
                // Deleted after an upload whose row was not yet removed: done. Otherwise swept before it could be sent.
                if (stored.Session.MinutesDocumentName == fileName)
                {
                    return;
                }

                throw new OutboxDeliveryException("stagedFileMissing", permanent: true);
            }

            await publisher.PublishAsync(delivery.ProjectId, payload.SessionId, author, fileName, file.Content, file.Length, contentType, cancellationToken);
        }

        await staging.DeleteAsync(blobName, cancellationToken);
    }
}
