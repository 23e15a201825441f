namespace PartnerHub.Api.Graph;

/// <summary>One need of the app, met by any of the application permissions listed (the first is the one to grant).</summary>
public sealed record GraphPermissionNeed(string Permission, IReadOnlyList<string> AlsoSufficient, string For)
{
    public bool IsMetBy(IReadOnlyCollection<string> roles) =>
        roles.Contains(Permission, StringComparer.Ordinal) || AlsoSufficient.Any(p => roles.Contains(p, StringComparer.Ordinal));
}

/// <summary>
/// The Microsoft Graph application permissions the gateways in this folder call with: the readiness check compares
/// them with the roles of the app's token, and docs/deploy.md lists the same. Change both when a gateway calls more.
/// </summary>
public static class GraphPermissions
{
    /// <summary>Events on coordinators' and mothers' calendars (create, move, cancel, answer), their change subscriptions and delta queries.</summary>
    public static readonly GraphPermissionNeed Calendars = new("Calendars.ReadWrite", [], "calendar");

    /// <summary>
    /// Invitees' mail addresses from their object ids, and the check of a person chosen for a project (GET /users/{id}):
    /// that check reads userType and accountEnabled, which User.ReadBasic.All does not cover.
    /// </summary>
    public static readonly GraphPermissionNeed Users = new("User.Read.All", ["User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], "users");

    /// <summary>The category "PartnerHub – supervision" put in each coordinator's mailbox (outlook/masterCategories), so a meeting she makes in Outlook can become a session.</summary>
    public static readonly GraphPermissionNeed MailboxCategories = new("MailboxSettings.ReadWrite", [], "Outlook category");

    /// <summary>Minutes uploaded to the project's document library; only needed when a drive is configured.</summary>
    public static readonly GraphPermissionNeed Documents = new("Sites.Selected", ["Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All", "Files.ReadWrite.All"], "documents");

    /// <summary>PartnerHub installed in the personal scope of everyone added to a directory; only needed when the app's catalog id is configured.</summary>
    public static readonly GraphPermissionNeed AppInstallation = new("TeamsAppInstallation.ReadWriteForUser.All", ["TeamsAppInstallation.ReadWriteAndConsentForUser.All"], "app installation");

    /// <summary>The Teams meeting behind an online session, found by its join link; only needed when attendance reports are read.</summary>
    public static readonly GraphPermissionNeed OnlineMeetings = new("OnlineMeetings.Read.All", ["OnlineMeetings.ReadWrite.All"], "online meetings");

    /// <summary>The meeting's attendance reports and records; only needed when attendance reports are read.</summary>
    public static readonly GraphPermissionNeed MeetingAttendance = new("OnlineMeetingArtifact.Read.All", [], "meeting attendance");

    /// <summary>What this configuration calls Graph for.</summary>
    public static IReadOnlyList<GraphPermissionNeed> NeededBy(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<GraphPermissionNeed> needs = [Calendars, Users, MailboxCategories];
        if (!string.IsNullOrWhiteSpace(options.DriveId))
        {
            needs.Add(Documents);
        }

        if (!string.IsNullOrWhiteSpace(options.TeamsAppCatalogId))
        {
            needs.Add(AppInstallation);
        }

        if (options.ReadsMeetingAttendance)
        {
            needs.AddRange([OnlineMeetings, MeetingAttendance]);
        }

        return needs;
    }
}
