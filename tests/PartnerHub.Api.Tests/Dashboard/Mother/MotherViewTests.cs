using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Bunit;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Dashboard.Admin;
using PartnerHub.Api.Dashboard.Course;
using PartnerHub.Api.Dashboard.Partner;
using PartnerHub.Api.Dashboard.Sessions;
using PartnerHub.Api.Referrals;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Mother;

/// <summary>The neighbourhood mother's tab: the women assigned to her, first contact and outcome, on the real host.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class MotherViewTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task She_sees_only_the_women_assigned_to_her_with_what_she_needs_to_reach_them()
    {
        var project = await host.OwnProjectAsync();
        var amina = await host.AssignAsync(project, await host.ReferAsync(project, "Amina", phone: "12345678", note: "Har en søn i børnehaven"), project.MotherId);
        var hodan = await host.AssignAsync(project, await host.ReferAsync(project, "Hodan", fromSchool: true), project.MotherId);
        await host.AssignAsync(project, await host.ReferAsync(project, "Zahra"), project.OtherMotherId);
        await host.ReferAsync(project, "Nadia");
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);

        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#mother-list > li").Count));
        Assert.Equal("Mine kvinder", page.Find("#mother-heading").TextContent);
        Assert.Equal(new HashSet<string?> { amina.Referral.Id, hodan.Referral.Id }, page.FindAll("#mother-list > li").Select(li => li.GetAttribute("data-referral-id")).ToHashSet());
        Assert.DoesNotContain("Zahra", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Nadia", page.Markup, StringComparison.Ordinal);
        // The assigned mother's view (ReferralVisibility): phone to call her, best time, languages, needs, the referrer's note; never the consent.
        var item = page.Find($"#mother-list li[data-referral-id='{amina.Referral.Id}']");
        Assert.Equal("tel:+4512345678", item.QuerySelector("a[data-field=phone]")!.GetAttribute("href"));
        Assert.Equal("Telefon, bedst om formiddagen", item.QuerySelector("[data-field=contact]")!.TextContent);
        Assert.Equal("arabisk, dansk", item.QuerySelector("[data-field=languages]")!.TextContent);
        Assert.Equal("Har en søn i børnehaven", item.QuerySelector("[data-field=note]")!.TextContent);
        Assert.Null(page.Find($"#mother-list li[data-referral-id='{hodan.Referral.Id}']").QuerySelector("a[data-field=phone]"));
        Assert.DoesNotContain("Mundtligt", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Birgitte", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#nav-sessions"));
        Assert.Empty(page.FindAll("#nav-partner-form"));
    }

    [Fact]
    public async Task She_records_first_contact_and_then_closes_with_an_outcome_through_the_service()
    {
        var project = await host.OwnProjectAsync();
        var amina = await host.AssignAsync(project, await host.ReferAsync(project, "Amina"), project.MotherId);
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();

        page.WaitForElement($"#contact-{amina.Referral.Id}").Click();

        page.WaitForAssertion(() => Assert.Contains("Godt gået!", page.Find("#mother-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal(nameof(ReferralState.Contacted), page.Find($"#mother-list li[data-referral-id='{amina.Referral.Id}']").GetAttribute("data-state"));
        var stored = await host.Get<ReferralStore>().FindAsync(project.ProjectId, amina.Referral.Id, CancellationToken.None);
        Assert.Equal(ReferralState.Contacted, stored!.Referral.State);
        Assert.Equal(PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, ProjectRole(stored));

        page.Find($"#close-{amina.Referral.Id}").Click();
        page.WaitForElement($"#close-form-{amina.Referral.Id}").Submit();
        page.WaitForAssertion(() => Assert.Equal("Vælg, hvordan det gik.", page.Find($"#outcome-{amina.Referral.Id}-error").TextContent));
        page.Find($"#outcome-{amina.Referral.Id}").Change(nameof(ReferralOutcome.JoinedActivities));
        page.Find($"#close-form-{amina.Referral.Id}").Submit();

        page.WaitForAssertion(() => Assert.Contains("Henvisningen er afsluttet.", page.Find("#mother-notice").TextContent, StringComparison.Ordinal));
        var closed = (await host.Get<ReferralStore>().FindAsync(project.ProjectId, amina.Referral.Id, CancellationToken.None))!.Referral;
        Assert.Equal((ReferralState.Closed, ReferralOutcome.JoinedActivities), (closed.State, closed.Outcome));
    }

    [Fact]
    public async Task A_lost_race_shows_the_referral_as_it_is_now_and_overwrites_nothing()
    {
        var project = await host.OwnProjectAsync();
        var amina = await host.AssignAsync(project, await host.ReferAsync(project, "Amina"), project.MotherId);
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();
        page.WaitForElement($"#contact-{amina.Referral.Id}");

        // Meanwhile, on her card in chat, she writes a note: the referral moves on a version.
        var noted = await host.Get<ReferralService>().ChangeAsync(project.Mother, amina.Referral.Id, amina.Version, new EditMotherNotes("Ringer igen fredag"), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, noted.Outcome);

        page.Find($"#contact-{amina.Referral.Id}").Click();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede henvisningen", page.Find("#mother-notice").TextContent, StringComparison.Ordinal));
        var now = (await host.Get<ReferralStore>().FindAsync(project.ProjectId, amina.Referral.Id, CancellationToken.None))!;
        Assert.Equal((ReferralState.Assigned, "Ringer igen fredag"), (now.Referral.State, now.Referral.MotherNotes));
        Assert.Equal(nameof(ReferralState.Assigned), page.Find($"#mother-list li[data-referral-id='{amina.Referral.Id}']").GetAttribute("data-state"));
    }

    [Fact]
    public async Task She_who_chose_English_gets_her_page_in_English()
    {
        var project = await host.OwnProjectAsync();
        var amina = await host.AssignAsync(project, await host.ReferAsync(project, "Amina"), project.MotherId);
        await host.Get<LanguageResolver>().RememberForMemberAsync(project.ProjectId, project.MotherId, Languages.English, CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);

        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal("I have been in contact", page.Find($"#contact-{amina.Referral.Id}").TextContent.Trim()));
        Assert.Equal("My women", page.Find("#mother-heading").TextContent);
        Assert.Equal("My women", page.Find("#nav-mother-women").TextContent.Trim());
    }

    [Fact]
    public async Task A_mother_cannot_render_the_coordinators_pages_by_any_state_change()
    {
        var project = await host.OwnProjectAsync();
        var other = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.MotherId);
        var page = _tab.RenderPage();
        page.WaitForElement("#mother-heading");
        var asked = typeof(DashboardPage).GetField("_page", BindingFlags.Instance | BindingFlags.NonPublic)!;

        // Whatever page the component's state asks for, her role decides what renders.
        foreach (var wanted in Enum.GetValues<TabPage>())
        {
            await page.InvokeAsync(() => asked.SetValue(page.Instance, wanted));
            page.Render();
            Assert.Empty(page.FindComponents<SessionsView>());
            Assert.Empty(page.FindComponents<CourseView>());
            Assert.Empty(page.FindComponents<AdministrationView>());
            Assert.Empty(page.FindComponents<PartnerReferralsView>());
            Assert.Empty(page.FindComponents<ReferralFormView>());
            Assert.NotNull(page.Find("#mother-heading"));
        }

        // Nor by choosing a project she is not a member of.
        var identity = _tab.Context.Services.GetService<TabIdentity>()!;
        Assert.False(identity.ChooseProject(other.ProjectId));
        Assert.Equal(PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, identity.Role);
    }

    [Fact]
    public async Task A_coordinator_still_gets_her_pages_and_none_of_the_partners_or_mothers()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.CoordinatorId);

        var page = _tab.RenderPage();

        page.WaitForElement("#sessions-heading");
        Assert.NotNull(page.Find("#nav-course"));
        Assert.Empty(page.FindAll("#nav-mother-women"));
        Assert.Empty(page.FindAll("#nav-partner-referrals"));
        Assert.Empty(page.FindComponents<PartnerHub.Api.Dashboard.Mother.MotherWomenView>());
    }

    private static PartnerHub.Core.Partners.ProjectRole ProjectRole(StoredReferral stored) => stored.Referral.History[^1].ByRole;
}
