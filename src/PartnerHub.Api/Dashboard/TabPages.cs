using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Dashboard;

/// <summary>The tab's pages. Which of them a person may see is <see cref="TabPages.For"/>, never the buttons alone.</summary>
public enum TabPage
{
    Referrals,
    Partners,
    Sessions,
    Course,
    Report,
    Administration,
    PartnerReferrals,
    PartnerReferralForm,
    MotherWomen,

    /// <summary>The programme lead's combined funder report over the projects she leads (aggregates only).</summary>
    Programme,

    /// <summary>Revisionsspor: who read or changed the project's records (the coordinator's).</summary>
    AuditTrail,
}

/// <summary>
/// Who sees which page of the tab: the one rule the page switch and the navigation both ask. A coordinator runs the
/// project (Henvisninger, Partnere, Møder, Kursus, Rapport, Revisionsspor); partner staff see their organisation's referrals and the form; a neighbourhood mother
/// sees the women assigned to her. A programme lead (appointed by an administrator, often no project member at all) gets
/// the combined report of her projects. Administration only with the role in the current token, beside another page.
/// </summary>
public static class TabPages
{
    private static readonly TabPage[] Coordinator = [TabPage.Referrals, TabPage.Partners, TabPage.Sessions, TabPage.Course, TabPage.Report, TabPage.AuditTrail];
    private static readonly TabPage[] Partner = [TabPage.PartnerReferrals, TabPage.PartnerReferralForm];
    private static readonly TabPage[] Mother = [TabPage.MotherWomen];

    /// <summary>Whether a membership with this role opens the tab at all (a teacher's does not: she has her cards).</summary>
    public static bool HasTab(ProjectRole role) => role is ProjectRole.Coordinator or ProjectRole.PartnerStaff or ProjectRole.NeighbourhoodMother;

    /// <summary>The pages of this role, in the navigation's order; the first is where she lands.</summary>
    public static IReadOnlyList<TabPage> For(ProjectRole? role, bool isAdministrator, bool isProgrammeLead = false)
    {
        TabPage[] pages = role switch
        {
            ProjectRole.Coordinator => Coordinator,
            ProjectRole.PartnerStaff => Partner,
            ProjectRole.NeighbourhoodMother => Mother,
            _ => [],
        };
        if (isProgrammeLead)
        {
            pages = [.. pages, TabPage.Programme];
        }

        return isAdministrator && pages.Length > 0 ? [.. pages, TabPage.Administration] : pages;
    }

    /// <summary>The page to render: the one asked for if she may see it, else her first page (null: none).</summary>
    public static TabPage? Shown(TabPage asked, ProjectRole? role, bool isAdministrator, bool isProgrammeLead = false)
    {
        var pages = For(role, isAdministrator, isProgrammeLead);
        return pages.Contains(asked) ? asked : pages.Count > 0 ? pages[0] : null;
    }
}
