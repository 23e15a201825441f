using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Bunit;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Dashboard;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;
using Xunit.Abstractions;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// The tab (Blazor, rendered in bUnit against the real host) with canaries in what people typed: a woman's first name
/// on the Henvisninger board and in her opened referral, an organisation's name on Partnere, a session's title on
/// Møder. Each is shown where it belongs, and found in no log line, trace, metric or outbox row of the rendering.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class TabCanaryTests(SharedTabHost host, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TabScenario _tab = new(host.Host);
    private readonly CanaryWatch _watch = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _watch.Dispose();
        await _tab.DisposeAsync();
    }

    [Fact]
    public async Task The_coordinators_pages_show_what_people_typed_and_leave_it_nowhere_else()
    {
        var own = await host.OwnProjectAsync();
        var woman = _watch.New("woman's first name in the tab");
        var referral = await host.ReferAsync(own, woman, "Bøgeparken", NeedCategories.Health, daysAgo: 0);
        var organisation = _watch.New("organisation name in the tab");
        await host.Get<DirectoryStore>().UpsertOrganisationAsync(new Organisation("kanariehuset", own.ProjectId, OrganisationKind.Kindergarten, organisation, false), None);
        var title = _watch.New("session title in the tab");
        var created = await host.Get<SessionService>().CreateAsync(own.Coordinator, new SessionFormInput
        {
            Kind = nameof(SessionKind.Supervision),
            Title = title,
            Date = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartTime = "14:00",
            EndTime = "16:00",
            Invitees = own.MotherId,
        }, Guid.NewGuid().ToString("N"), null, None);
        Assert.NotNull(created.Session);

        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-referrals").Click();
        page.WaitForElement($"#open-{referral.Referral.Id}").Click();
        page.WaitForAssertion(() => Assert.Contains(woman, page.Find("#referral-facts").TextContent, StringComparison.Ordinal));
        page.Find("#nav-partners").Click();
        page.WaitForAssertion(() => Assert.Contains(organisation, page.Markup, StringComparison.Ordinal));
        page.Find("#nav-sessions").Click();
        page.WaitForAssertion(() => Assert.Contains(title, page.Markup, StringComparison.Ordinal));

        _watch.CheckTelemetry(host.Host.Logs);
        await _watch.CheckOutboxAsync(host.Host.Tables, own.ProjectId);
        _watch.AssertNoneLeaked(output);
    }
}
