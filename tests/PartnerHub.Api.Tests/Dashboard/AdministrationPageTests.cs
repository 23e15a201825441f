using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Dashboard.Admin;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>
/// The tab's administration page in bUnit with the real services on Azurite and the real token check: only a token
/// with the PartnerHub.Admin role shows it, and it creates through the same service as the REST endpoints.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class AdministrationPageTests : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private const string Admin = "a1a1a1a1-0000-4000-8000-0000000ad001";
    private readonly TabScenario _tab = new();
    private readonly string _newProjectId = "adm-" + UniqueIds.Next(8);

    public Task InitializeAsync() => _tab.SeedAsync();

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    private ProjectStore Projects => _tab.Host.Services.GetRequiredService<ProjectStore>();

    private DirectoryStore Directory => _tab.Host.Services.GetRequiredService<DirectoryStore>();

    [Fact]
    public async Task An_administrator_in_no_project_sees_the_page_in_Danish_and_creates_a_project_with_its_coordinator()
    {
        _tab.Teams.Token = _tab.Host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Opret et projekt", page.Find("#admin-heading").TextContent));
        Assert.Empty(page.FindAll("#access-message"));
        Fill(page);
        page.Find("#admin-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("er oprettet. Koordinatorer: Adele.", page.Find("#admin-notice").TextContent, StringComparison.Ordinal));
        var project = await Projects.FindAsync(_newProjectId, CancellationToken.None);
        Assert.NotNull(project);
        Assert.Equal("Bydelsmødre Gellerup", project.Name);
        Assert.Equal(["Gellerup", "Toveshøj"], project.Areas);
        Assert.Equal("en", project.Language);
        Assert.Equal(RestHost.TenantId, project.TenantId);
        var coordinator = await Directory.FindMemberAsync(_newProjectId, DemoData.MotherAdele.ObjectId, CancellationToken.None);
        Assert.Equal(ProjectRole.Coordinator, coordinator?.Role);
        Assert.Equal("Adele", coordinator?.FirstName);
        // Nobody typed an object id: there is no field for one, and none is shown.
        Assert.Empty(page.FindAll("#admin-form input[id*='objectId' i], #admin-form input[id*='coordinator' i]"));
        Assert.DoesNotContain(DemoData.MotherAdele.ObjectId, page.Find("#admin-page").TextContent, StringComparison.OrdinalIgnoreCase);
        // The form is empty again for the next project.
        Assert.Equal(string.Empty, page.Find("#id").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public async Task A_coordinator_who_is_also_an_administrator_reaches_the_page_from_the_tab()
    {
        _tab.Teams.Token = _tab.Host.TokenFor(TabScenario.CoordinatorId, roles: [AdministrationRegistration.AdminAppRole]);
        var page = _tab.RenderPage();

        page.WaitForElement("#nav-admin").Click();
        page.WaitForAssertion(() => Assert.Equal("Opret et projekt", page.Find("#admin-heading").TextContent));
        Fill(page);
        page.Find("#admin-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Adele", page.Find("#admin-notice").TextContent, StringComparison.Ordinal));
        Assert.NotNull(await Projects.FindAsync(_newProjectId, CancellationToken.None));
    }

    [Fact]
    public void A_coordinator_without_the_role_does_not_see_the_page_and_someone_in_no_project_gets_no_access()
    {
        var page = _tab.RenderPage();
        page.WaitForElement("#sessions-heading");
        Assert.Empty(page.FindAll("#nav-admin"));
        Assert.Empty(page.FindAll("#admin-page"));

        _tab.Teams.Token = _tab.Host.TokenFor(Admin, roles: ["PartnerHub.Reader"]);
        var other = _tab.RenderPage();
        other.WaitForAssertion(() => Assert.Equal("Du har ikke adgang til Overblik", other.Find("#access-heading").TextContent));
        Assert.Empty(other.FindAll("#admin-page"));
    }

    [Fact]
    public async Task The_page_reached_without_the_role_creates_nothing()
    {
        // Rendered directly, as if a page state were forged: the submit asks for the role again and finds none.
        _tab.Teams.Token = _tab.Host.TokenFor(TabScenario.CoordinatorId);
        var identity = _tab.Context.Services.GetRequiredService<TabIdentity>();
        await identity.SignInAsync(CancellationToken.None);
        var view = _tab.Context.Render<AdministrationView>(parameters => parameters.Add(v => v.Text, _tab.Context.Services.GetRequiredService<DashboardStrings>().For("da")));

        Fill(view);
        view.Find("#admin-form").Submit();

        Assert.Null(await Projects.FindAsync(_newProjectId, CancellationToken.None));
    }

    [Fact]
    public async Task Bad_input_shows_each_error_beside_its_field_and_writes_nothing()
    {
        _tab.Teams.Token = _tab.Host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
        var page = _tab.RenderPage();
        page.WaitForElement("#id").Change("X!");
        page.Find("#name").Change("Bydelsmødre Gellerup");
        page.Find("#areas").Change("Gellerup\ngellerup");
        page.Find("#admin-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Ugyldigt id.", page.Find("#id-error").TextContent));
        Assert.Equal("Skal udfyldes.", page.Find("#municipality-error").TextContent);
        Assert.Equal("Skal udfyldes.", page.Find("#fixedPlace-error").TextContent);
        Assert.Equal("Det samme område står der to gange.", page.Find("#areas-error").TextContent);
        // Nobody chosen: said beside the picker, as every other field.
        Assert.Equal("Skal udfyldes.", page.Find("#coordinators\\.0\\.person-error").TextContent);
        Assert.Equal("true", page.Find("#id").GetAttribute("aria-invalid"));
        Assert.Null(page.Find("#name").GetAttribute("aria-invalid"));
        Assert.Null(await Projects.FindAsync("X!", CancellationToken.None));
    }

    [Fact]
    public async Task An_existing_project_id_is_a_message_and_the_project_is_unchanged()
    {
        _tab.Teams.Token = _tab.Host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
        var page = _tab.RenderPage();
        Fill(page, id: _tab.ProjectId);
        page.Find("#admin-form").Submit();

        page.WaitForAssertion(() => Assert.Contains($"Der findes allerede et projekt med id’et »{_tab.ProjectId}«. Vælg et andet id.", page.Find("#admin-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal("Id’et er allerede brugt af et andet projekt.", page.Find("#id-error").TextContent);
        Assert.NotEqual("Bydelsmødre Gellerup", (await Projects.FindAsync(_tab.ProjectId, CancellationToken.None))?.Name);
        Assert.Null(await Directory.FindMemberAsync(_tab.ProjectId, DemoData.MotherAdele.ObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task Pressing_create_again_with_the_same_form_is_one_project_created_once()
    {
        _tab.Teams.Token = _tab.Host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
        var administration = _tab.Host.Services.GetRequiredService<ProjectAdministration>();
        var administrator = new Administrator(RestHost.TenantId, Admin);
        var form = new ProjectFormModel { Id = _newProjectId, Name = "Bydelsmødre Gellerup", Municipality = "Aarhus Kommune", Areas = "Gellerup", FixedPlace = "Globus1" };

        // The form's key is what a second press sends: the page's path through the service, twice.
        var first = await administration.CreateProjectAsync(administrator, form.ToRequest(), form.RequestKey, CancellationToken.None);
        var second = await administration.CreateProjectAsync(administrator, form.ToRequest(), form.RequestKey, CancellationToken.None);
        var otherForm = await administration.CreateProjectAsync(administrator, form.ToRequest(), new ProjectFormModel().RequestKey, CancellationToken.None);

        Assert.Equal(ProjectCreationStatus.Created, first.Status);
        Assert.Equal(ProjectCreationStatus.Repeated, second.Status);
        Assert.Equal(ProjectCreationStatus.Exists, otherForm.Status);
        Assert.Equal(first.Project, second.Project);
    }

    private void Fill<T>(IRenderedComponent<T> page, string? id = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        page.WaitForElement("#id").Change(id ?? _newProjectId);
        page.Find("#name").Change("Bydelsmødre Gellerup");
        page.Find("#municipality").Change("Aarhus Kommune");
        page.Find("#areas").Change("Gellerup\n\n Toveshøj \n");
        page.Find("#fixedPlace").Change("Globus1, Gudrunsvej 1");
        page.Find("#language").Change("en");
        Pick(page, row: 0, "ade", DemoData.MotherAdele.ObjectId);
    }

    /// <summary>Types into a coordinator row's people picker and chooses the person, as she would with the mouse.</summary>
    private static void Pick<T>(IRenderedComponent<T> page, int row, string text, string objectId)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        page.Find($"fluent-text-field#coordinators\\.{row}\\.person").Input(text);
        page.WaitForElement($"fluent-option[value='{objectId}']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"#admin-coordinators .ph-person-chosen")));
    }
}
