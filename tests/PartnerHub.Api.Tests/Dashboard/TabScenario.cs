using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.FluentUI.AspNetCore.Components;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>
/// The tab's components in bUnit against the real host's services (SessionService, directory, Azurite tables, the
/// WireMock Entra's token validation). Only the browser is stood in for: <see cref="FakeTeams"/> answers what the Teams
/// JS SDK would, with tokens the Entra stub signed.
/// </summary>
internal sealed class TabScenario : IAsyncDisposable
{
    public const string CoordinatorId = "3c5e7a10-0000-4000-8000-00000000c0a1";
    public const string MotherId = "3c5e7a10-0000-4000-8000-00000000a0a2";
    public const string PartnerId = "3c5e7a10-0000-4000-8000-00000000b0a3";
    public const string TeacherId = "3c5e7a10-0000-4000-8000-00000000d0a4";

    /// <param name="hostServices">Test-only replacements in the host (e.g. the people search against a WireMock Graph).</param>
    /// <remarks>
    /// Dispatch is off on its host, as on <see cref="SharedTabHost"/>: a running dispatcher delivers a change's
    /// notifications the moment it commits, and they write the session too, racing the seeding and the page under test.
    /// </remarks>
    public TabScenario(Action<IServiceCollection>? hostServices = null)
        : this(new RestHost(services: hostServices, settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" }), ownsHost: true)
    {
    }

    /// <summary>A circuit on a host the test class shares (<see cref="SharedTabHost"/>): disposing it leaves the host running.</summary>
    public TabScenario(RestHost sharedHost)
        : this(sharedHost, ownsHost: false)
    {
    }

    private TabScenario(RestHost host, bool ownsHost)
    {
        Host = host;
        _ownsHost = ownsHost;
        ProjectId = "tab-" + UniqueIds.Next(8);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        // Waits are on state; generous because Azurite and two shared cores answer slowly at times.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        Context.Services.AddFluentUIComponents();
        Context.Services.AddSingleton<ITabHost>(Teams);
        // The host's singletons, this circuit's browser: bUnit's container does not resolve dependencies through the fallback.
        Context.Services.AddScoped(services => new TabIdentity(
            Host.Services.GetRequiredService<TabSettings>(),
            Host.Services.GetRequiredService<TabTokenValidator>(),
            Host.Services.GetRequiredService<ICallerDirectory>(),
            services.GetRequiredService<ITabHost>(),
            TimeProvider.System,
            NullLogger<TabIdentity>.Instance,
            Host.Services.GetRequiredService<ProgrammeLeadStore>()));
        Context.Services.AddFallbackServiceProvider(Host.Services);
        Teams.Token = Host.TokenFor(CoordinatorId);
    }

    private readonly bool _ownsHost;

    public RestHost Host { get; }

    public BunitContext Context { get; } = new();

    public FakeTeams Teams { get; } = new();

    public string ProjectId { get; }

    public SessionService Sessions => Host.Services.GetRequiredService<SessionService>();

    public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

    public async Task SeedAsync()
    {
        var project = await Host.SeedProjectAsync(ProjectId);
        // The project's people sign in from its tenant: the tab remembers her language under it, as the bot does.
        await Host.Services.GetRequiredService<ProjectStore>().UpsertAsync(project with { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = Host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Børnehuset", false), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Camilla"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Fatima"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(PartnerId, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Birgitte"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(TeacherId, ProjectId, ProjectRole.Teacher, null, "Lidia"), CancellationToken.None);
    }

    /// <summary>A session in the project, created through the service as the card would.</summary>
    public async Task<StoredSession> CreateSessionAsync(string title, int daysAhead = 5)
    {
        var date = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(daysAhead).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var result = await Sessions.CreateAsync(Coordinator, new SessionFormInput
        {
            Kind = nameof(SessionKind.Supervision),
            Title = title,
            Date = date,
            StartTime = "14:00",
            EndTime = "16:00",
            Invitees = MotherId + "," + PartnerId,
        }, Guid.NewGuid().ToString("N"), null, CancellationToken.None);
        return result.Session ?? throw new InvalidOperationException("Seed session invalid: " + string.Join(", ", result.Errors));
    }

    /// <summary>
    /// A session that took place this morning: made through the service (which only plans ahead), then moved back in
    /// the store, as time would have moved it.
    /// </summary>
    public async Task<StoredSession> HeldSessionAsync(string title)
    {
        var planned = await CreateSessionAsync(title);
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var store = Host.Services.GetRequiredService<SessionStore>();
        return await store.UpdateAsync(planned, planned.Session with { Start = start, End = start.AddHours(2) }, null, [], CancellationToken.None);
    }

    /// <summary>The coordinator's own language choice, as the tab's switch or a card's "Show in English" stores it.</summary>
    public Task ChooseLanguageAsync(string language) =>
        Host.Services.GetRequiredService<LanguageResolver>().RememberForMemberAsync(ProjectId, CoordinatorId, language, CancellationToken.None);

    /// <summary>The language every card and page would use for a member of the project.</summary>
    public Task<string> LanguageOfAsync(string objectId) =>
        Host.Services.GetRequiredService<LanguageResolver>().ForMemberAsync(ProjectId, objectId, CancellationToken.None);

    public async Task SetProjectLanguageAsync(string language)
    {
        var projects = Host.Services.GetRequiredService<ProjectStore>();
        var project = await projects.FindAsync(ProjectId, CancellationToken.None) ?? throw new InvalidOperationException("Seed first.");
        await projects.UpsertAsync(project with { Language = language }, CancellationToken.None);
    }

    /// <summary>Opens /dashboard (with ?locale= when given), as Teams opens the manifest's contentUrl.</summary>
    public IRenderedComponent<DashboardPage> RenderPage(string? locale = null)
    {
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(locale is null ? "dashboard" : "dashboard?locale=" + Uri.EscapeDataString(locale));
        return Context.Render<DashboardPage>();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        if (_ownsHost)
        {
            Host.Dispose();
        }
    }

    /// <summary>The Teams JS SDK's answers: in Teams or not, the client's locale, and the token getAuthToken() gives.</summary>
    public sealed class FakeTeams : ITabHost
    {
        public bool InTeams { get; set; } = true;

        public string? Locale { get; set; } = "da-dk";

        public string? Token { get; set; }

        /// <summary>app.host.name: "Teams", "Outlook" or "Office" (the Microsoft 365 app).</summary>
        public string? HostName { get; set; } = "Teams";

        public int TokenRequests { get; private set; }

        public Task<TabHostContext> InitializeAsync(CancellationToken cancellationToken) => Task.FromResult(new TabHostContext(InTeams, Locale, InTeams ? HostName : null, InTeams ? "web" : null));

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            TokenRequests++;
            return Task.FromResult(Token);
        }
    }
}
