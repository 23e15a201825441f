using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// Draws one participant's certificate (<see cref="CertificateDocument"/>) and stores it in the project's SharePoint
/// folder, <c>{MinutesFolder}/{project}/Certifikater/{cohort}/bevis-{cohort}-{participant}.pdf</c> (ids only), then
/// records it. Stands down when she did not complete (checked by Core) or the issuer is no coordinator of the project.
/// Idempotent: a retry uploads to the same name (SharePoint replaces it) and replaces the same row. The record and the
/// update of the coordinators' certificates cards (now with her link) are one transaction.
/// </summary>
public sealed class IssueCertificateHandler(
    CertificateComposer composer,
    CertificateStore certificates,
    DirectoryStore directory,
    IDocumentGateway documents,
    GraphOptions graph,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    TimeProvider time) : IOutboxHandler
{
    public const string Folder = "Certifikater";

    public string Kind => CourseNotifications.IssueCertificate;

    public static string FolderOf(GraphOptions graph, string projectId, string cohortId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return $"{graph.MinutesFolder}/{projectId}/{Folder}/{cohortId}";
    }

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        var coordinator = payload.ObjectId is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.ObjectId, cancellationToken);
        if (payload.ParticipantId is not { } participantId || coordinator is not { Role: ProjectRole.Coordinator })
        {
            return;
        }

        var now = time.GetUtcNow();
        var content = await composer.ComposeAsync(delivery.ProjectId, payload.CohortId, participantId, coordinator.FirstName, CopenhagenTime.DateOf(now), cancellationToken);
        if (content is null)
        {
            return;
        }

        var pdf = CertificateDocument.Create(content);
        StoredDocument? stored = null;
        await GraphFailures.RunAsync(async () =>
        {
            using var stream = new MemoryStream(pdf, writable: false);
            stored = await documents.UploadAsync(
                FolderOf(graph, delivery.ProjectId, payload.CohortId), CertificateLinks.FileName(payload.CohortId, participantId), stream, pdf.Length, "application/pdf", cancellationToken);
        });
        var update = outbox.Create(delivery.ProjectId, CourseNotifications.UpdateCertificateCardsOf(payload.CohortId));
        await certificates.RecordAsync(
            new IssuedCertificate(delivery.ProjectId, payload.CohortId, participantId, stored!.DriveItemId, stored.WebUrl, now, coordinator.ObjectId, coordinator.FirstName),
            [update], cancellationToken);
        await nudge.NudgeAsync([update], cancellationToken);
    }
}
