using Microsoft.JSInterop;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Reporting;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Dashboard;

/// <summary>Where the tab stands with the person at the keyboard.</summary>
public enum TabStatus
{
    /// <summary>Waiting for the browser (Teams SDK) to answer.</summary>
    Starting,

    /// <summary>A coordinator, partner staff member or neighbourhood mother, from a validated Teams token (the role decides the pages: <see cref="TabPages"/>).</summary>
    SignedIn,

    /// <summary>The local demo cast (Development on loopback only): the coordinator, or the persona <c>?as=</c> chose.</summary>
    Demo,

    /// <summary>A valid token, but no membership that has a tab (coordinator, partner staff, neighbourhood mother) in any project.</summary>
    NoAccess,

    /// <summary>A PartnerHub administrator (app role in the token) who coordinates no project: the administration page only.</summary>
    Administrator,

    /// <summary>A programme lead with no membership that has a tab: the combined report of the projects she leads (<see cref="TabPage.Programme"/>).</summary>
    ProgrammeLead,

    /// <summary>Opened in a browser, not in Teams: nothing to sign in with.</summary>
    OutsideTeams,

    /// <summary>Teams gave no usable token (consent missing, forged or wrong token, misconfigured host).</summary>
    SignInFailed,
}

/// <summary>What the Microsoft host (Teams, Outlook or the Microsoft 365 app) told the page about where it runs.</summary>
/// <param name="InTeams">Whether teams-js initialised, in any of its hosts (the name predates Outlook and the Microsoft 365 app).</param>
/// <param name="Locale">The host's locale (app.getContext().app.locale), e.g. "da-dk" or "en-us".</param>
/// <param name="Host">app.getContext().app.host.name: "Teams", "Outlook" or "Office" (the Microsoft 365 app); null outside.</param>
/// <param name="ClientType">app.getContext().app.host.clientType: "web", "desktop", "android", "ios" …; null outside.</param>
public sealed record TabHostContext(bool InTeams, string? Locale, string? Host = null, string? ClientType = null)
{
    /// <summary>The host as PartnerHub tells it apart: one of <see cref="TabHosts"/>; null outside a Microsoft host.</summary>
    public string? HostKind => InTeams ? TabHosts.Of(Host) : null;
}

/// <summary>The Microsoft hosts the tab runs in. The same SSO flow (getAuthToken) serves all three.</summary>
public static class TabHosts
{
    public const string Teams = "Teams";
    public const string Outlook = "Outlook";
    public const string Microsoft365 = "Office";

    /// <summary>The host name teams-js reports, matched exactly (case-insensitive); an unknown or missing name is Teams, the original host.</summary>
    public static string Of(string? hostName) =>
        string.Equals(hostName, Outlook, StringComparison.OrdinalIgnoreCase) ? Outlook
        : string.Equals(hostName, Microsoft365, StringComparison.OrdinalIgnoreCase) ? Microsoft365
        : Teams;
}

/// <summary>The browser side of the tab: the Teams JS SDK, reached over the circuit.</summary>
public interface ITabHost
{
    /// <summary>app.initialize() and app.getContext(); not in Teams when initialisation fails or times out.</summary>
    Task<TabHostContext> InitializeAsync(CancellationToken cancellationToken);

    /// <summary>authentication.getAuthToken(): a fresh Entra token for PartnerHub's API, or null when Teams gives none.</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>The Teams JS SDK through wwwroot/dashboard/tab.js.</summary>
public sealed class TeamsJsTabHost(IJSRuntime js) : ITabHost
{
    public async Task<TabHostContext> InitializeAsync(CancellationToken cancellationToken) =>
        await js.InvokeAsync<TabHostContext>("partnerHubTab.initialize", cancellationToken);

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        await js.InvokeAsync<string?>("partnerHubTab.getToken", cancellationToken);
}

/// <summary>
/// Who uses this circuit, as an <see cref="Actor"/> for the application services. Scoped: one per circuit (one tab).
/// The identity comes only from a token validated on the server (<see cref="TabTokenValidator"/>) and the project
/// directory (<see cref="ICallerDirectory"/>), or, in the local demo, from the demo cast (<see cref="DemoPersonas"/>);
/// nothing the browser says about itself is believed. A token near its expiry is replaced before the next action.
/// </summary>
public sealed partial class TabIdentity(
    TabSettings settings,
    TabTokenValidator validator,
    ICallerDirectory callers,
    ITabHost host,
    TimeProvider time,
    ILogger<TabIdentity> logger,
    ProgrammeLeadStore? leads = null)
{
    /// <summary>Fetch a new token this long before the current one expires.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    private Actor? _actor;
    private Administrator? _administrator;
    private ProgrammeLeadIdentity? _lead;
    private string? _objectId;
    private DateTimeOffset _expiresAt;
    private IReadOnlyList<ProjectMembership> _memberships = [];
    private string? _chosenProject;

    public TabStatus Status { get; private set; } = TabStatus.Starting;

    public TabIdentityMode Mode => settings.Mode;

    /// <summary>Where the tab runs (<see cref="TabHosts"/>), once signed in through a host; null before, and in the local demo.</summary>
    public string? Host { get; private set; }

    /// <summary>The projects she has a tab in (by id), whatever her role there; the tab shows one at a time and offers the others.</summary>
    public IReadOnlyList<string> Projects => [.. _memberships.Select(m => m.ProjectId)];

    /// <summary>Her role in the project shown now (which pages she sees: <see cref="TabPages.For"/>), or null before sign-in.</summary>
    public ProjectRole? Role => _actor?.Role;

    /// <summary>Whether her token carries the administrator role (<see cref="AdministrationRegistration.IsAdministrator"/>).</summary>
    public bool IsAdministrator => _administrator is not null;

    /// <summary>Whether an administrator has appointed her programme lead (read at every token, like her memberships).</summary>
    public bool IsProgrammeLead => _lead is not null;

    /// <summary>The project the tab shows now, or null before sign-in.</summary>
    public string? ProjectId => _actor?.ProjectId;

    /// <summary>
    /// Shows another of her projects, with her role (and organisation) there. Only one the directory says she is a
    /// member of with a tab role: anything else changes nothing.
    /// </summary>
    public bool ChooseProject(string projectId)
    {
        if (_actor is null || _memberships.FirstOrDefault(m => m.ProjectId == projectId) is not { } membership)
        {
            return false;
        }

        _chosenProject = projectId;
        _actor = _actor with { ProjectId = projectId, Role = membership.Role, OrganisationId = membership.OrganisationId };
        return true;
    }

    /// <summary>Signs in once the page is interactive (JS interop is only possible then).</summary>
    /// <param name="demoPersona">Local demo only (<see cref="DemoPersonas"/>): whom of the demo cast the tab shows; ignored in Entra mode.</param>
    public async Task<TabStatus> SignInAsync(CancellationToken cancellationToken, string? demoPersona = null)
    {
        if (settings.Mode == TabIdentityMode.LocalDemo && DemoPersonas.IsProgrammeLead(demoPersona))
        {
            var lead = DemoPersonas.ProgrammeLead;
            _lead = leads is not null && await leads.FindAsync(lead.TenantId, lead.ObjectId, cancellationToken) is not null ? lead : null;
            _objectId = lead.ObjectId;
            _expiresAt = DateTimeOffset.MaxValue;
            return Status = _lead is null ? TabStatus.NoAccess : TabStatus.Demo;
        }

        if (settings.Mode == TabIdentityMode.LocalDemo)
        {
            var member = DemoPersonas.Of(demoPersona);
            _actor = Actor.From(member);
            _memberships = [new ProjectMembership(member.ProjectId, member.Role, member.OrganisationId)];
            _expiresAt = DateTimeOffset.MaxValue;
            return Status = TabStatus.Demo;
        }

        var context = await host.InitializeAsync(cancellationToken);
        if (!context.InTeams)
        {
            return Status = TabStatus.OutsideTeams;
        }

        Host = context.HostKind;

        return Status = await AcceptTokenAsync(await host.GetTokenAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The actor for the next service call, after fetching a new token if the current one is (nearly) expired. Null when
    /// nobody is signed in any more; <see cref="Status"/> then says why.
    /// </summary>
    public async Task<Actor?> ActorAsync(CancellationToken cancellationToken)
    {
        if (_actor is null)
        {
            return null;
        }

        await RefreshIfDueAsync(cancellationToken);
        return _actor;
    }

    /// <summary>
    /// The administrator for the next administration call, after fetching a new token if the current one is (nearly)
    /// expired: null unless her current token carries the role. Asked at every call, never remembered from the page.
    /// </summary>
    public async Task<Administrator?> AdministratorAsync(CancellationToken cancellationToken)
    {
        if (_administrator is null)
        {
            return null;
        }

        await RefreshIfDueAsync(cancellationToken);
        return _administrator;
    }

    /// <summary>
    /// Who asks for the programme report, after fetching a new token if the current one is (nearly) expired: null
    /// unless she was a programme lead at her last token. The report service checks her appointment again at each read.
    /// </summary>
    public async Task<ProgrammeLeadIdentity?> ProgrammeLeadAsync(CancellationToken cancellationToken)
    {
        if (_lead is null)
        {
            return null;
        }

        await RefreshIfDueAsync(cancellationToken);
        return _lead;
    }

    private async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() + RefreshMargin < _expiresAt)
        {
            return;
        }

        var before = _objectId;
        Status = await AcceptTokenAsync(await host.GetTokenAsync(cancellationToken), cancellationToken);
        if (_objectId is not null && _objectId != before)
        {
            // Another person's token in the same circuit: start over rather than act for either.
            LogIdentityChanged(logger);
            _actor = null;
            _administrator = null;
            _lead = null;
            Status = TabStatus.SignInFailed;
        }
    }

    private async Task<TabStatus> AcceptTokenAsync(string? token, CancellationToken cancellationToken)
    {
        _actor = null;
        _administrator = null;
        _lead = null;
        var result = await validator.ValidateAsync(token, cancellationToken);
        if (result.Status != TabTokenStatus.Valid || result.TenantId is null || result.ObjectId is null)
        {
            return TabStatus.SignInFailed;
        }

        _objectId = result.ObjectId;
        _expiresAt = result.ExpiresAt;
        if (leads is not null && await leads.FindAsync(result.TenantId, result.ObjectId, cancellationToken) is not null)
        {
            _lead = new ProgrammeLeadIdentity(result.TenantId, result.ObjectId);
        }

        var memberships = await callers.MembershipsAsync(result.TenantId, result.ObjectId, cancellationToken);
        // Read again at every token: a project she is no longer a member of (or a role without a tab) disappears at the next refresh.
        _memberships = [.. memberships.Where(m => TabPages.HasTab(m.Role)).OrderBy(m => m.ProjectId, StringComparer.Ordinal)];
        if (result.IsAdministrator)
        {
            _administrator = new Administrator(result.TenantId, result.ObjectId);
        }

        if (_memberships.Count == 0 && _lead is not null)
        {
            return TabStatus.ProgrammeLead;
        }

        if (_memberships.Count == 0 && _administrator is not null)
        {
            return TabStatus.Administrator;
        }

        if (_memberships.Count == 0)
        {
            LogNoAccess(logger, result.ObjectId);
            return TabStatus.NoAccess;
        }

        var membership = _memberships.FirstOrDefault(m => m.ProjectId == _chosenProject) ?? _memberships[0];
        _actor = new Actor(result.ObjectId, membership.ProjectId, membership.Role, membership.OrganisationId);
        return TabStatus.SignedIn;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tab: {ObjectId} has no tab role in any project")]
    private static partial void LogNoAccess(ILogger logger, string objectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Coordinator tab: the refreshed token belongs to someone else; signed out")]
    private static partial void LogIdentityChanged(ILogger logger);
}
