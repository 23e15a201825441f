using System.Diagnostics.CodeAnalysis;
using Bunit;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Dashboard.Partners;

/// <summary>The tab's Partnere page in bUnit: the real DirectoryService on Azurite, the directory cards' rules and texts.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class PartnersPageTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task The_directory_lists_organisations_and_people_with_their_roles_in_Danish()
    {
        var own = await host.OwnProjectAsync();
        var page = Open(own);

        var organisations = page.Find("#partner-organisations");
        Assert.Equal("Organisationer", organisations.QuerySelector("h3")!.TextContent);
        var family = page.Find("tr[data-organisation-id='familieafdelingen']");
        Assert.Contains("Socialforvaltning", family.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ja", family.TextContent, StringComparison.Ordinal);
        var birgitte = page.Find($"tr[data-member-id='{own.TeacherId}']");
        Assert.Contains("Partnermedarbejder", birgitte.TextContent, StringComparison.Ordinal);
        Assert.Contains("Børnehuset", birgitte.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bydelsmor", page.Find($"tr[data-member-id='{own.MotherId}']").TextContent, StringComparison.Ordinal);
        // No object id, mail or phone is shown for anyone.
        Assert.DoesNotContain(own.TeacherId, page.Find("#partner-people").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_an_organisation_checks_the_fields_beside_them_then_saves_through_the_service()
    {
        var own = await host.OwnProjectAsync();
        var page = Open(own);
        page.Find("#organisation-add").Click();
        page.WaitForElement("#organisation-form");

        page.Find("#organisation-id").Change("Jobcenter!");
        page.Find("#organisation-form").Submit();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#organisation-error-summary")));
        Assert.Equal("Kun små bogstaver (a-z), tal og bindestreg, 2-40 tegn.", page.Find("#directory-id-error").TextContent);
        Assert.Equal("Skal udfyldes.", page.Find("#directory-name-error").TextContent);
        Assert.Equal("true", page.Find("#organisation-kind").GetAttribute("aria-invalid"));
        Assert.Null(await host.Get<DirectoryStore>().FindOrganisationAsync(own.ProjectId, "jobcenter", CancellationToken.None));

        page.Find("#organisation-id").Change("jobcenter");
        page.Find("#organisation-name").Change("Jobcenter Odense");
        page.Find("#organisation-kind").Change(nameof(OrganisationKind.JobCentre));
        page.Find("#organisation-onward").Change(true);
        page.Find("#organisation-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Organisationen er gemt.", page.Find("#partners-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Jobcenter Odense", page.Find("tr[data-organisation-id='jobcenter']").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            new Organisation("jobcenter", own.ProjectId, OrganisationKind.JobCentre, "Jobcenter Odense", true),
            await host.Get<DirectoryStore>().FindOrganisationAsync(own.ProjectId, "jobcenter", CancellationToken.None));
    }

    [Fact]
    public async Task Editing_an_organisation_someone_changed_meanwhile_shows_it_as_it_is_now_and_overwrites_nothing()
    {
        var own = await host.OwnProjectAsync();
        var page = Open(own);
        page.Find("#organisation-edit-skolen").Click();
        page.WaitForElement("#organisation-form");
        page.Find("#organisation-name").Change("Skolen ved Søen");

        // Meanwhile, on the directory card: another coordinator renames it.
        var stored = await host.Get<DirectoryStore>().FindStoredOrganisationAsync(own.ProjectId, "skolen", CancellationToken.None);
        var renamed = await host.Get<DirectoryService>().SaveOrganisationAsync(own.Coordinator, new OrganisationInput("skolen", "Vollsmose Skole", nameof(OrganisationKind.School), "false"), stored!.ETag.ToString(), CancellationToken.None);
        Assert.Equal(DirectoryOutcome.Saved, renamed.Outcome);
        page.Find("#organisation-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("En anden har lige ændret det", page.Find("#partners-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Vollsmose Skole", page.Find("tr[data-organisation-id='skolen']").TextContent, StringComparison.Ordinal);
        Assert.Equal("Vollsmose Skole", (await host.Get<DirectoryStore>().FindOrganisationAsync(own.ProjectId, "skolen", CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Removing_a_person_asks_first_and_a_coordinator_cannot_remove_herself()
    {
        var own = await host.OwnProjectAsync();
        var page = Open(own);
        page.Find($"#member-edit-{own.OtherMotherId}").Click();
        page.WaitForElement("#member-remove").Click();
        Assert.Contains("Vil du fjerne Samira fra projektet?", page.WaitForElement("#member-remove-confirm").TextContent, StringComparison.Ordinal);
        page.Find("#member-remove-yes").Click();

        page.WaitForAssertion(() => Assert.Contains("Personen er fjernet fra projektet.", page.Find("#partners-notice").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll($"tr[data-member-id='{own.OtherMotherId}']"));
        Assert.Null(await host.Get<DirectoryStore>().FindMemberAsync(own.ProjectId, own.OtherMotherId, CancellationToken.None));

        page.Find($"#member-edit-{own.CoordinatorId}").Click();
        page.WaitForElement("#member-remove").Click();
        page.WaitForElement("#member-remove-yes").Click();
        page.WaitForAssertion(() => Assert.Contains("Du kan ikke selv fjerne din koordinatorrolle", page.Find("#directory-form-error").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await host.Get<DirectoryStore>().FindMemberAsync(own.ProjectId, own.CoordinatorId, CancellationToken.None));
    }

    [Fact]
    public async Task Changing_a_persons_role_saves_it_and_the_page_is_English_when_she_chose_English()
    {
        var own = await host.OwnProjectAsync();
        await host.Get<PartnerHub.Api.Bot.LanguageResolver>().RememberForMemberAsync(own.ProjectId, own.CoordinatorId, "en", CancellationToken.None);
        var page = Open(own, heading: "Partners");
        Assert.Contains("Social services", page.Find("tr[data-organisation-id='familieafdelingen']").TextContent, StringComparison.OrdinalIgnoreCase);

        page.Find($"#member-edit-{own.SchoolStaffId}").Click();
        page.WaitForElement("#member-role").Change(nameof(ProjectRole.Teacher));
        page.Find("#member-organisation").Change(string.Empty);
        page.Find("#member-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Teacher", page.Find($"tr[data-member-id='{own.SchoolStaffId}']").TextContent, StringComparison.Ordinal));
        Assert.Equal(ProjectRole.Teacher, (await host.Get<DirectoryStore>().FindMemberAsync(own.ProjectId, own.SchoolStaffId, CancellationToken.None))!.Role);
        Assert.Equal(RestHost.TenantId, (await host.Get<ProjectStore>().FindAsync(own.ProjectId, CancellationToken.None))!.TenantId);
    }

    private IRenderedComponent<DashboardPage> Open(SharedTabHost.OwnProject own, string heading = "Partnere")
    {
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-partners").Click();
        page.WaitForAssertion(() => Assert.Equal(heading, page.Find("h2#partners-heading").TextContent));
        page.WaitForElement("#partner-people");
        return page;
    }
}
