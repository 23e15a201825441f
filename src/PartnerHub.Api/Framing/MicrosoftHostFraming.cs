namespace PartnerHub.Api.Framing;

/// <summary>
/// The one list of Microsoft hosts that may frame PartnerHub's pages: Teams (web, desktop, mobile), Outlook and the
/// Microsoft 365 app, as Microsoft's tab requirements list them, the newer *.cloud.microsoft domains included. Used by
/// the coordinator tab and the Outlook add-in pane alike, so the two can never disagree about who may frame them.
/// </summary>
public static class MicrosoftHostFraming
{
    /// <summary>Every origin pattern, https only.</summary>
    public static readonly IReadOnlyList<string> Hosts =
    [
        // All hosts, after the move to one domain (teams., outlook., m365.cloud.microsoft and others).
        "https://*.cloud.microsoft",

        // Teams.
        "https://teams.microsoft.com",
        "https://*.teams.microsoft.com",
        "https://*.skype.com",

        // The Microsoft 365 app (www.office.com, www.microsoft365.com and their regional hosts).
        "https://*.office.com",
        "https://*.microsoft365.com",

        // Outlook on the web and the new Outlook for Windows (which hosts the web client).
        "https://outlook.office.com",
        "https://outlook.office365.com",
        "https://outlook-sdf.office.com",
        "https://outlook-sdf.office365.com",
        "https://outlook.live.com",
    ];

    /// <summary>The CSP directive: the page itself, then <see cref="Hosts"/>.</summary>
    public static string FrameAncestors { get; } = "frame-ancestors 'self' " + string.Join(' ', Hosts);
}
