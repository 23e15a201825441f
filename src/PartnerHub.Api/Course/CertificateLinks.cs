using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Links;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// A participant's own link to her certificate: she has no access to the project's SharePoint folder, so the API serves
/// the PDF at <c>{Graph:PublicBaseUrl}/certificates/{project}/{cohort}/{participant}.pdf?exp=…&amp;sig=…</c>, signed by
/// <see cref="LinkSigner"/> (the one rule and key) over project, cohort, participant and expiry: another participant's
/// id under her signature fails. Valid for the longest lifetime links get (400 days from when the card is rendered).
/// </summary>
public sealed class CertificateLinks(LinkSigner signer, IOptions<GraphNotificationOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public const string PathPrefix = "/certificates";
    public const string Purpose = "partnerhub.certificate-pdf.v1";
    public const string Route = PathPrefix + "/{projectId}/{cohortId}/{participantId}.pdf";

    /// <summary>Her download link for an issued certificate; null without a public base URL.</summary>
    public string? For(IssuedCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!IsSignable(certificate.ProjectId, certificate.CohortId, certificate.ParticipantId)
            || !GraphNotificationOptions.TryBaseUrl(options.Value.PublicBaseUrl, environment.IsDevelopment(), out var baseUrl))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var exp = LinkSigner.Expiry(now + LinkSigner.MaxLifetime, now).ToUnixTimeSeconds();
        var signature = signer.Sign(Purpose, [certificate.ProjectId, certificate.CohortId, certificate.ParticipantId], exp);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return string.Create(CultureInfo.InvariantCulture,
            $"{root}{PathPrefix}/{certificate.ProjectId}/{certificate.CohortId}/{certificate.ParticipantId}.pdf?exp={exp}&sig={signature}");
    }

    public bool IsAuthentic(string projectId, string cohortId, string participantId, string? exp, string? signature) =>
        IsSignable(projectId, cohortId, participantId)
        && signer.IsAuthentic(Purpose, [projectId, cohortId, participantId], exp, signature, time.GetUtcNow());

    /// <summary>The file name in SharePoint and of the download: ids only, never her name.</summary>
    public static string FileName(string cohortId, string participantId) => $"bevis-{cohortId}-{participantId}.pdf";

    private static bool IsSignable(string? projectId, string? cohortId, string? participantId) =>
        Project.IsValidId(projectId) && Cohort.IsValidId(cohortId) && Cohort.IsValidId(participantId);
}
