using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Course;

/// <summary>
/// An erased participant's certificate (<see cref="ParticipantSubjectEraser"/>) leaves the project's SharePoint folder:
/// the PDF carries her name. The file is deleted by its drive item id, then the row stops pointing at it and the
/// coordinators' certificates cards lose her link, in one transaction. Idempotent: a retry finds the file gone (404 is
/// done) or the row pointing at nothing. When and by whom it was issued stay, so the report's count does not move.
/// </summary>
public sealed class DeleteCertificateFileHandler(CertificateStore certificates, IDocumentGateway documents, OutboxWriter outbox, IOutboxNudge nudge) : IOutboxHandler
{
    public string Kind => CourseNotifications.DeleteCertificateFile;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        if (payload.ParticipantId is not { } participantId
            || await certificates.FindAsync(delivery.ProjectId, payload.CohortId, participantId, cancellationToken) is not { DriveItemId.Length: > 0 } issued)
        {
            return;
        }

        await GraphFailures.RunAsync(() => documents.DeleteAsync(issued.DriveItemId, cancellationToken));
        var update = outbox.Create(delivery.ProjectId, CourseNotifications.UpdateCertificateCardsOf(payload.CohortId));
        if (await certificates.ForgetFileAsync(delivery.ProjectId, payload.CohortId, participantId, [update], cancellationToken))
        {
            await nudge.NudgeAsync([update], cancellationToken);
        }
    }
}
