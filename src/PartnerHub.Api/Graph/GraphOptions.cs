namespace PartnerHub.Api.Graph;

/// <summary>Configuration section "Graph": the app registration PartnerHub calls Microsoft Graph as (app permissions).</summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>Graph's own host; overridable so tests can put WireMock in its place.</summary>
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>320 KiB: Graph rejects upload-session chunks (other than the last) that are not a multiple of it.</summary>
    public const int UploadChunkUnit = 320 * 1024;

    /// <summary>4 MiB: the most a single PUT .../content may carry; anything larger needs an upload session.</summary>
    public const long SimpleUploadLimit = 4L * 1024 * 1024;

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PFX with the app's certificate, the alternative to a secret (preferred in production: no secret to rotate by hand).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Entra's sign-in host; only a sovereign cloud (or a test stub) changes it.</summary>
    public Uri? AuthorityHost { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// PartnerHub's id in the organisation's Teams app catalog (Teams admin centre → Manage apps → PartnerHub → App ID;
    /// not the manifest's id): with it, everyone added to a directory gets PartnerHub installed in her Teams.
    /// </summary>
    public string? TeamsAppCatalogId { get; set; }

    /// <summary>Installing PartnerHub for people needs Graph and the catalog id.</summary>
    public bool InstallsApp => IsConfigured && !string.IsNullOrWhiteSpace(TeamsAppCatalogId);

    /// <summary>
    /// Read the Teams meeting's attendance report after an online session to propose its attendance (needs
    /// OnlineMeetings.Read.All and OnlineMeetingArtifact.Read.All and an application access policy for the coordinators).
    /// Off by default: the policy is a Teams administrator's PowerShell step, and without it the card asks for attendance by hand.
    /// </summary>
    public bool ReadsMeetingAttendance { get; set; }

    /// <summary>Reading attendance reports needs Graph and the switch.</summary>
    public bool ReadsAttendanceReports => IsConfigured && ReadsMeetingAttendance;

    /// <summary>The project's SharePoint document library, as a Graph drive id.</summary>
    public string? DriveId { get; set; }

    /// <summary>Where minutes go in that library; the callers pass it as the folder.</summary>
    public string MinutesFolder { get; set; } = "Referater";

    /// <summary>Upload-session chunk size: 16 × 320 KiB = 5 MiB, inside Graph's recommended 5–10 MiB.</summary>
    public int UploadChunkBytes { get; set; } = 16 * UploadChunkUnit;

    /// <summary>Retries of one request on 429/503/504 (the SDK's RetryHandler honours Retry-After).</summary>
    public int MaxRetries { get; set; } = 3;

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Only a complete registration turns the real gateways on; anything less keeps the local demo.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId) && HasCredentials;

    /// <summary>Something was set but not enough: worth a warning, since the operator evidently meant to use Graph.</summary>
    public bool IsPartlyConfigured => !IsConfigured
        && (!string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientId) || HasCredentials);
}
