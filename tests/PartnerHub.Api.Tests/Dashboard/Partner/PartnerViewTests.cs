using System.Diagnostics.CodeAnalysis;
using Bunit;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Partner;

/// <summary>The kindergarten teacher's tab (PartnerStaff): her organisation's referrals and the referral form, on the real host.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class PartnerViewTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task She_sees_her_organisations_referrals_newest_first_with_only_the_fields_the_rule_gives_her()
    {
        var project = await host.OwnProjectAsync();
        var amina = await host.ReferAsync(project, "Amina", phone: "12345678", note: "Kommer om tirsdagen");
        var hodan = await host.ReferAsync(project, "Hodan");
        await host.ReferAsync(project, "Zahra", fromSchool: true);
        await host.AssignAsync(project, amina, project.MotherId);
        _tab.Teams.Token = host.Host.TokenFor(project.TeacherId);

        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#partner-list > li").Count));
        Assert.Equal("Mine henvisninger", page.Find("#partner-heading").TextContent);
        Assert.Equal([hodan.Referral.Id, amina.Referral.Id], page.FindAll("#partner-list > li").Select(li => li.GetAttribute("data-referral-id")));
        var markup = page.Find("#partner-list").TextContent;
        Assert.DoesNotContain("Zahra", markup, StringComparison.Ordinal);
        // The status view (ReferralVisibility): her first name, the state, the timeline and, while one works with her, the mother's first name.
        var assigned = page.Find($"#partner-list li[data-referral-id='{amina.Referral.Id}']");
        Assert.Equal("Tildelt en bydelsmor", assigned.QuerySelector("[data-state-label]")!.TextContent);
        Assert.Equal("Fatima", assigned.QuerySelector("[data-mother]")!.TextContent);
        Assert.Contains(ReferralIds.Reference(amina.Referral.Id), assigned.TextContent, StringComparison.Ordinal);
        foreach (var hidden in new[] { "12345678", "Kommer om tirsdagen", "Sundhed", "Bøgeparken", "arabisk", "Mundtligt" })
        {
            Assert.DoesNotContain(hidden, page.Markup, StringComparison.OrdinalIgnoreCase);
        }

        // Her pages only: nothing of the coordinator's in the navigation.
        Assert.Empty(page.FindAll("#nav-sessions"));
        Assert.Empty(page.FindAll("#nav-course"));
        Assert.NotNull(page.Find("#nav-partner-form"));
    }

    [Fact]
    public async Task The_form_shows_the_cards_error_texts_beside_their_fields_and_stores_nothing()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.TeacherId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-partner-form").Click();

        page.WaitForElement("#referral-firstName").Change("Amina 2");
        page.Find("#referral-consentDate").Change(CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        page.Find("#referral-form form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#referral-error-summary")));
        // The texts are the referral card's (cards/strings.da.json formErrors), beside each field, referenced by it.
        Assert.Equal("Skriv kun fornavn eller initialer – bogstaver, ingen tal.", page.Find("#referral-firstName-error").TextContent);
        Assert.Equal("true", page.Find("#referral-firstName").GetAttribute("aria-invalid"));
        Assert.Equal("referral-firstName-error", page.Find("#referral-firstName").GetAttribute("aria-describedby"));
        Assert.Equal("Skal udfyldes.", page.Find("#referral-area-error").TextContent);
        Assert.Equal("Datoen kan ikke ligge i fremtiden.", page.Find("#referral-consentDate-error").TextContent);
        Assert.Equal("Bekræft, at hun har sagt ja.", page.Find("#referral-consentConfirmed-error").TextContent);
        Assert.Equal("referral-needs-error", page.Find("#referral-needs").GetAttribute("aria-describedby"));
        Assert.Empty((await host.Get<ReferralService>().ListAsync(project.Coordinator, null, 10, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_filled_in_form_sent_twice_makes_one_referral_that_then_appears_in_her_list()
    {
        var project = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(project.TeacherId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-partner-form").Click();

        page.WaitForElement("#referral-firstName").Change("Amina");
        page.Find("#referral-language-0").Change("so");
        page.Find("#referral-area").Change(SharedTabHost.Areas[1]);
        page.Find("#referral-contactChannel input[value=Phone]").Change(true);
        page.WaitForElement("#referral-phone").Change("12 34 56 78");
        page.Find("#referral-need-Children").Change(true);
        page.Find("#referral-consentGivenBy input[value=HerselfThroughInterpreter]").Change(true);
        page.Find("#referral-consentMethod input[value=Written]").Change(true);
        page.Find("#referral-consentLanguage").Change("so");
        page.Find("#referral-consentConfirmed").Change(true);
        var form = page.Find("#referral-form form");
        // Pressed twice before the first answer is back: the same request, applied once.
        var first = form.TriggerEventAsync("onsubmit", new EventArgs());
        var second = form.TriggerEventAsync("onsubmit", new EventArgs());
        await Task.WhenAll(first, second);

        page.WaitForAssertion(() => Assert.Contains("Henvisningen er sendt.", page.Find("#referral-sent").TextContent, StringComparison.Ordinal));
        var stored = Assert.Single((await host.Get<ReferralService>().ListAsync(project.Coordinator, null, 10, CancellationToken.None)).Items).Referral;
        Assert.Equal(("Amina", "+4512345678", SharedTabHost.Areas[1], NeedCategories.Children), (stored.Person!.FirstNameOrInitials, stored.Person.Contact.PhoneNumber, stored.Person.Area, stored.Needs));
        Assert.Equal((ConsentGivenBy.HerselfThroughInterpreter, ConsentMethod.Written, "so", project.TeacherId), (stored.Consent!.GivenBy, stored.Consent.Method, stored.Consent.ExplainedInLanguage, stored.Consent.RecordedByObjectId));
        Assert.Equal(("boernehuset", ReferralState.Submitted), (stored.ReferrerOrganisationId, stored.State));
        Assert.Contains(ReferralIds.Reference(stored.Id), page.Find("#referral-sent").TextContent, StringComparison.Ordinal);

        page.Find("#referral-show-list").Click();
        page.WaitForAssertion(() => Assert.Equal(stored.Id, page.Find("#partner-list > li").GetAttribute("data-referral-id")));
    }

    [Fact]
    public async Task She_who_chose_English_gets_her_pages_and_the_forms_errors_in_English()
    {
        var project = await host.OwnProjectAsync();
        await host.Get<LanguageResolver>().RememberForMemberAsync(project.ProjectId, project.TeacherId, Languages.English, CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(project.TeacherId);
        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Your organisation has not referred anyone yet.", page.Find("#partner-empty").TextContent));
        Assert.Equal("My referrals", page.Find("#partner-heading").TextContent);
        page.Find("#nav-partner-form").Click();
        page.WaitForElement("#referral-form form").Submit();
        page.WaitForAssertion(() => Assert.Equal("Required.", page.Find("#referral-firstName-error").TextContent));
        Assert.Equal("First name or initials", page.Find("label[for=referral-firstName]").TextContent);
    }

    [Fact]
    public async Task A_partner_of_another_project_sees_nothing_of_this_one()
    {
        var projectA = await host.OwnProjectAsync();
        await host.ReferAsync(projectA, "Amina");
        var projectB = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(projectB.TeacherId);

        var page = _tab.RenderPage();

        page.WaitForElement("#partner-empty");
        Assert.DoesNotContain("Amina", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#project-switch"));
        // Asking for project A (a forged select value) changes nothing: she is no member there.
        var identity = _tab.Context.Services.GetService<PartnerHub.Api.Dashboard.TabIdentity>();
        Assert.False(identity!.ChooseProject(projectA.ProjectId));
        Assert.Equal(projectB.ProjectId, identity.ProjectId);
    }

    [Fact]
    public async Task A_partner_in_one_project_and_a_mother_in_another_gets_each_projects_pages_through_the_picker()
    {
        var first = await host.OwnProjectAsync();
        var second = await host.OwnProjectAsync();
        var (partnerIn, motherIn) = string.CompareOrdinal(first.ProjectId, second.ProjectId) < 0 ? (first, second) : (second, first);
        await host.Get<PartnerHub.Api.Partners.DirectoryStore>().UpsertMemberAsync(
            PartnerHub.Api.Tests.Rest.RestHost.TenantId,
            new PartnerHub.Core.Partners.ProjectMember(partnerIn.TeacherId, motherIn.ProjectId, PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, null, "Birgitte"),
            CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(partnerIn.TeacherId);

        var page = _tab.RenderPage();

        // The first project by id, with her role there; the picker offers the other.
        page.WaitForElement("#partner-heading");
        page.Find("#project-select").Change(motherIn.ProjectId);
        page.WaitForElement("#mother-empty");
        Assert.Empty(page.FindAll("#nav-partner-form"));
        Assert.NotNull(page.Find("#nav-mother-women"));
    }
}
