using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.AuditTrail;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Audit;

/// <summary>
/// The tab's Revisionsspor page in bUnit through the real dashboard host: rows written by the real
/// <see cref="AuditLog"/> (at chosen times), read back through the real <see cref="AuditTrailService"/>, people named
/// from the project's directory. One host with the REST tests (AuditTrailHost), a project per test.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(PartnerHub.Api.Tests.AuditTrail.AuditTrailHost.Name)]
public sealed class AuditTrailPageTests(RestHostFixture fixture) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(fixture.Host);

    public async Task InitializeAsync()
    {
        await _tab.SeedAsync();
        // The class's tests share the coordinator, and her language choice is hers across projects: Danish unless a test says.
        await _tab.ChooseLanguageAsync("da");
        var now = DateTimeOffset.UtcNow;
        await RecordAtAsync(now.AddDays(-1), TabScenario.MotherId, "ViewDetails", "r1", allowed: true);
        await RecordAtAsync(now.AddDays(-3), TabScenario.PartnerId, "ViewNotes", "r1", allowed: false);
        await RecordAtAsync(now.AddDays(-4), TabScenario.MotherId, "RecordContact", "r2", allowed: true);
        await RecordAtAsync(now.AddDays(-45), TabScenario.CoordinatorId, "EditNotes", "r1", allowed: true);
    }

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public void The_coordinator_sees_the_last_30_days_newest_first_with_names_and_plain_words()
    {
        var page = OpenTrail();

        page.WaitForElement("#audit-table");
        Assert.Equal("Revisionsspor", page.Find("h2#audit-heading").TextContent);
        Assert.Equal(AuditTrailFilter.IsoDate(Today.AddDays(-29)), page.Find("#audit-from").GetAttribute("value"));
        Assert.Equal(AuditTrailFilter.IsoDate(Today), page.Find("#audit-to").GetAttribute("value"));
        var rows = page.FindAll("#audit-table tbody tr");
        Assert.Equal(["ViewDetails", "ViewNotes", "RecordContact"], rows.Select(r => r.GetAttribute("data-action")));
        var cells = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(CopenhagenDates.DateAndTime(DateTimeOffset.UtcNow.AddDays(-1), "da")[..^5], cells[0][..^5]);
        Assert.Equal("Fatima (bydelsmor)", cells[1]);
        Assert.Equal("Så oplysningerne", cells[2]);
        Assert.Contains("Henvisning", cells[3], StringComparison.Ordinal);
        Assert.Contains("r1", cells[3], StringComparison.Ordinal);
        Assert.Equal("Tilladt", cells[4]);
        Assert.Equal("Afvist", rows[1].QuerySelectorAll("td")[4].TextContent.Trim());
        Assert.Equal("Birgitte (partner)", rows[1].QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Contains("3", page.Find("#audit-count").TextContent, StringComparison.Ordinal);
        Assert.Equal("col", page.Find("#audit-table th").GetAttribute("scope"));
    }

    [Fact]
    public void A_person_a_record_and_a_period_narrow_what_is_shown()
    {
        var page = OpenTrail();
        page.WaitForElement("#audit-table");
        // The person is picked by name from the project's directory.
        Assert.Contains(page.FindAll("#audit-person option"), o => o.TextContent == "Fatima (bydelsmor)" && o.GetAttribute("value") == TabScenario.MotherId);

        page.Find("#audit-person").Change(TabScenario.MotherId);
        page.Find("#audit-filter").Submit();
        page.WaitForAssertion(() => Assert.Equal(["ViewDetails", "RecordContact"], Actions(page)));

        page.Find("#audit-person").Change(string.Empty);
        page.Find("#audit-record-type").Change("referral");
        page.Find("#audit-record-id").Change("r1");
        page.Find("#audit-from").Change(AuditTrailFilter.IsoDate(Today.AddDays(-60)));
        page.Find("#audit-filter").Submit();
        page.WaitForAssertion(() => Assert.Equal(["ViewDetails", "ViewNotes", "EditNotes"], Actions(page)));

        page.Find("#audit-from").Change(AuditTrailFilter.IsoDate(Today.AddDays(-50)));
        page.Find("#audit-to").Change(AuditTrailFilter.IsoDate(Today.AddDays(-40)));
        page.Find("#audit-filter").Submit();
        page.WaitForAssertion(() => Assert.Equal(["EditNotes"], Actions(page)));

        // The period the wrong way round: the error beside the field, nothing read, the rows shown before stay.
        page.Find("#audit-from").Change(AuditTrailFilter.IsoDate(Today));
        page.Find("#audit-to").Change(AuditTrailFilter.IsoDate(Today.AddDays(-2)));
        page.Find("#audit-filter").Submit();
        page.WaitForElement("#audit-to-error");
        Assert.Contains("senere", page.Find("#audit-to-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("#audit-to").GetAttribute("aria-invalid"));
        Assert.Equal("audit-to-error", page.Find("#audit-to").GetAttribute("aria-describedby"));
        Assert.Equal(["EditNotes"], Actions(page));
    }

    [Fact]
    public async Task The_download_is_the_shown_periods_csv_named_by_ids_and_dates_and_is_audited_as_an_export()
    {
        var page = OpenTrail();
        page.WaitForElement("#audit-table");

        page.Find("#audit-download-csv").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(_tab.Context.JSInterop.Invocations["partnerHubTab.download"]));
        var download = _tab.Context.JSInterop.Invocations["partnerHubTab.download"][0];
        Assert.Equal($"revisionsspor-{_tab.ProjectId}-{AuditTrailFilter.IsoDate(Today.AddDays(-29))}_{AuditTrailFilter.IsoDate(Today)}.csv", download.Arguments[0]);
        Assert.Equal("text/csv; charset=utf-8", download.Arguments[1]);
        var mine = await ReadAsync(TabScenario.CoordinatorId);
        Assert.Contains(mine, e => e.Action == AuditTrailService.ViewAction);
        Assert.Contains(mine, e => e.Action == AuditTrailService.ExportAction);
    }

    [Fact]
    public async Task In_english_the_page_and_its_words_are_english()
    {
        await _tab.ChooseLanguageAsync("en");
        var page = OpenTrail();

        page.WaitForElement("#audit-table");
        Assert.Equal("Audit trail", page.Find("h2#audit-heading").TextContent);
        var cells = page.FindAll("#audit-table tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Fatima (neighbourhood mother)", cells[1]);
        Assert.Equal("Viewed the details", cells[2]);
        Assert.DoesNotContain("Revisionsspor", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TabScenario.MotherId)]
    [InlineData(TabScenario.PartnerId)]
    public void A_mother_or_partner_has_no_way_to_the_audit_trail(string objectId)
    {
        _tab.Teams.Token = fixture.Host.TokenFor(objectId);

        var page = _tab.RenderPage();

        page.WaitForElement("#page-nav");
        Assert.Empty(page.FindAll("#nav-audit"));
        Assert.Empty(page.FindAll("#audit-heading"));
    }

    [Fact]
    public async Task Who_has_seen_the_referral_opens_the_trail_on_that_referral()
    {
        var referral = Referral.Submit(
            ReferralIds.New(),
            new Actor(TabScenario.PartnerId, _tab.ProjectId, ProjectRole.PartnerStaff, "solsikken"),
            new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
            NeedCategories.Health,
            new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, Today, "ar", TabScenario.PartnerId),
            DateTimeOffset.UtcNow.AddHours(-2));
        await fixture.Host.Services.GetRequiredService<ReferralStore>().CreateAsync(referral, "audit-seed", [], CancellationToken.None);
        var page = Open("#nav-referrals");
        page.WaitForElement($"#open-{referral.Id}").Click();
        // Her opening is read (and audited) once its actions show.
        page.WaitForElement("#referral-accept");

        page.Find("#referral-audit").Click();

        page.WaitForElement("#audit-table");
        Assert.Equal("referral", page.Find("#audit-record-type").GetAttribute("value"));
        Assert.Equal(referral.Id, page.Find("#audit-record-id").GetAttribute("value"));
        // Her own opening of the referral, a moment ago, is in the trail, and nothing of any other record.
        Assert.Contains("ViewDetails", Actions(page));
        Assert.All(page.FindAll("#audit-table tbody td:nth-child(2)"), td => Assert.Equal("Camilla (koordinator)", td.TextContent.Trim()));
        Assert.All(page.FindAll("#audit-table tbody td:nth-child(4)"), td => Assert.Contains(referral.Id, td.TextContent, StringComparison.Ordinal));
        Assert.Equal("page", page.Find("#nav-audit").GetAttribute("aria-current"));
    }

    private static DateOnly Today => CopenhagenTime.DateOf(DateTimeOffset.UtcNow);

    private static List<string?> Actions(IRenderedComponent<DashboardPage> page) =>
        [.. page.FindAll("#audit-table tbody tr").Select(r => r.GetAttribute("data-action"))];

    private IRenderedComponent<DashboardPage> OpenTrail()
    {
        var page = Open("#nav-audit");
        page.WaitForElement("#audit-filter");
        return page;
    }

    private IRenderedComponent<DashboardPage> Open(string nav)
    {
        var page = _tab.RenderPage();
        page.WaitForElement(nav);
        // The class's tests share one host and one coordinator, so she coordinates every test's project: this test's
        // is chosen, as she would in the switch.
        if (page.FindAll("#project-select").Count > 0)
        {
            page.Find("#project-select").Change(_tab.ProjectId);
        }

        page.Find(nav).Click();
        return page;
    }

    private Task RecordAtAsync(DateTimeOffset at, string actor, string action, string recordId, bool allowed) =>
        new AuditLog(fixture.Host.Tables, new FakeTimeProvider(at), NullLogger<AuditLog>.Instance)
            .RecordAsync(_tab.ProjectId, actor, action, ReferralService.RecordType, recordId, allowed, CancellationToken.None);

    private async Task<List<AuditEntry>> ReadAsync(string actor)
    {
        var rows = new List<AuditEntry>();
        var query = new AuditQuery(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), Actor: actor);
        await foreach (var row in fixture.Host.Services.GetRequiredService<AuditLog>().ReadAsync(_tab.ProjectId, query, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }
}
