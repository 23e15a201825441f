using PartnerHub.Api.Dashboard;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>The one rule of who sees which page of the tab.</summary>
public sealed class TabPagesTests
{
    [Theory]
    [InlineData(ProjectRole.Coordinator, new[] { TabPage.Referrals, TabPage.Partners, TabPage.Sessions, TabPage.Course, TabPage.Report, TabPage.AuditTrail })]
    [InlineData(ProjectRole.PartnerStaff, new[] { TabPage.PartnerReferrals, TabPage.PartnerReferralForm })]
    [InlineData(ProjectRole.NeighbourhoodMother, new[] { TabPage.MotherWomen })]
    [InlineData(ProjectRole.Teacher, new TabPage[0])]
    public void Each_role_gets_its_own_pages(ProjectRole role, TabPage[] expected)
    {
        Assert.Equal(expected, TabPages.For(role, isAdministrator: false));
        Assert.Equal(role != ProjectRole.Teacher, TabPages.HasTab(role));
    }

    [Fact]
    public void Administration_comes_only_with_the_role_and_a_tab()
    {
        Assert.Equal(TabPage.Administration, TabPages.For(ProjectRole.NeighbourhoodMother, isAdministrator: true)[^1]);
        Assert.Empty(TabPages.For(ProjectRole.Teacher, isAdministrator: true));
        Assert.DoesNotContain(TabPage.Administration, TabPages.For(ProjectRole.Coordinator, isAdministrator: false));
    }

    [Theory]
    [InlineData(TabPage.Sessions, ProjectRole.NeighbourhoodMother, TabPage.MotherWomen)]
    [InlineData(TabPage.Course, ProjectRole.PartnerStaff, TabPage.PartnerReferrals)]
    [InlineData(TabPage.Administration, ProjectRole.PartnerStaff, TabPage.PartnerReferrals)]
    [InlineData(TabPage.MotherWomen, ProjectRole.Coordinator, TabPage.Referrals)]
    [InlineData(TabPage.Report, ProjectRole.NeighbourhoodMother, TabPage.MotherWomen)]
    [InlineData(TabPage.Referrals, ProjectRole.PartnerStaff, TabPage.PartnerReferrals)]
    [InlineData(TabPage.PartnerReferralForm, ProjectRole.PartnerStaff, TabPage.PartnerReferralForm)]
    public void A_page_her_role_does_not_have_shows_her_first_page_instead(TabPage asked, ProjectRole role, TabPage shown) =>
        Assert.Equal(shown, TabPages.Shown(asked, role, isAdministrator: false));

    [Fact]
    public void A_programme_lead_gets_the_programme_page_after_any_project_pages_and_before_administration()
    {
        Assert.Equal([TabPage.Programme], TabPages.For(null, isAdministrator: false, isProgrammeLead: true));
        Assert.Equal([TabPage.Programme, TabPage.Administration], TabPages.For(null, isAdministrator: true, isProgrammeLead: true));
        Assert.Equal(TabPage.Programme, TabPages.For(ProjectRole.Coordinator, isAdministrator: false, isProgrammeLead: true)[^1]);
        Assert.Equal(TabPage.Programme, TabPages.Shown(TabPage.Referrals, null, isAdministrator: false, isProgrammeLead: true));
        Assert.DoesNotContain(TabPage.Programme, TabPages.For(ProjectRole.Coordinator, isAdministrator: true));
        Assert.Equal(TabPage.Referrals, TabPages.Shown(TabPage.Programme, ProjectRole.Coordinator, isAdministrator: false));
    }

    [Fact]
    public void Nobody_signed_in_gets_no_page() => Assert.Null(TabPages.Shown(TabPage.Sessions, null, isAdministrator: true));

    [Theory]
    [InlineData("partner", ProjectRole.PartnerStaff)]
    [InlineData("mother", ProjectRole.NeighbourhoodMother)]
    [InlineData("coordinator", ProjectRole.Coordinator)]
    [InlineData(null, ProjectRole.Coordinator)]
    [InlineData("admin", ProjectRole.Coordinator)]
    public void The_local_demo_shows_the_persona_asked_for_and_else_the_coordinator(string? persona, ProjectRole role) =>
        Assert.Equal(role, DemoPersonas.Of(persona).Role);

    [Fact]
    public void Only_lead_is_the_demo_programme_lead() =>
        Assert.Equal([true, false, false], new[] { "lead", "coordinator", null }.Select(DemoPersonas.IsProgrammeLead));
}
