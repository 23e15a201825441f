using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Dashboard.Referrals;
using PartnerHub.Api.Referrals;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Referrals;

/// <summary>The tab's Henvisninger page in bUnit with the real referral services on Azurite and the real token check.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class ReferralsPageTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task The_board_shows_columns_by_state_with_counts_oldest_first_and_marks_who_waits_too_long()
    {
        var own = await host.OwnProjectAsync();
        var newest = await host.ReferAsync(own, "Amina", "Bøgeparken", NeedCategories.Children, daysAgo: 1);
        var waiting = await host.ReferAsync(own, "Hodan", "Egeparken", NeedCategories.Health | NeedCategories.Network, daysAgo: 20);
        var accepted = await host.ReferAsync(own, "Leyla", "Egeparken", NeedCategories.Work, daysAgo: 3);
        Assert.Equal(ChangeOutcome.Changed, (await host.Get<ReferralService>().ChangeAsync(own.Coordinator, accepted.Referral.Id, accepted.Version, new AcceptReferral(), null, CancellationToken.None)).Outcome);

        var page = Open(own);

        var submitted = page.Find("#column-Submitted");
        Assert.Equal("Modtaget (2)", submitted.QuerySelector("h3")!.TextContent);
        Assert.Equal("Accepteret (1)", page.Find("#column-Accepted h3").TextContent);
        Assert.Equal("Tildelt en bydelsmor (0)", page.Find("#column-Assigned h3").TextContent);
        // Oldest first: Hodan (20 days) above Amina (1 day).
        Assert.Equal([waiting.Referral.Id, newest.Referral.Id], submitted.QuerySelectorAll("li[data-referral-id]").Select(li => li.GetAttribute("data-referral-id")!).ToArray());

        var hodan = page.Find($"li[data-referral-id='{waiting.Referral.Id}']");
        Assert.Equal("true", hodan.GetAttribute("data-overdue"));
        Assert.Contains("Venter for længe: ingen kontakt efter 14 dage", hodan.QuerySelector("[data-waiting-too-long]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Henvist for 20 dage siden", hodan.TextContent, StringComparison.Ordinal);
        Assert.Contains(ReferralIds.Reference(waiting.Referral.Id), hodan.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sundhed, Netværk og fællesskab", hodan.TextContent, StringComparison.Ordinal);
        Assert.Contains("Egeparken", hodan.TextContent, StringComparison.Ordinal);
        Assert.Contains("Henvist af: Børnehuset", hodan.TextContent, StringComparison.Ordinal);
        var amina = page.Find($"li[data-referral-id='{newest.Referral.Id}']");
        Assert.Equal("false", amina.GetAttribute("data-overdue"));
        Assert.Empty(amina.QuerySelectorAll("[data-waiting-too-long]"));
        // Every referral of a column is shown: no "oldest of" line.
        Assert.Empty(page.FindAll("[data-oldest-only]"));
        // The coordinator does not call; the phone number is never on her board.
        Assert.DoesNotContain("+45", page.Find("#referral-board").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_column_shows_its_oldest_referrals_oldest_first_with_the_exact_count_and_says_so()
    {
        var own = await host.OwnProjectAsync();
        // 105 waiting, an hour apart: the oldest 100 are the first 100 seeded.
        var seeded = await ReferralSeeding.SubmittedAsync(host.Get<ReferralStore>(), own.Teacher, 105, DateTimeOffset.UtcNow.AddDays(-1));
        var oldest = seeded.Take(ReferralBoard.ColumnSize).Select(r => r.Id).ToArray();
        var service = host.Get<ReferralService>();

        var read = await service.OldestInStateAsync(own.Coordinator, ReferralState.Submitted, ReferralBoard.ColumnSize, CancellationToken.None);
        Assert.Equal((105, true), (read.Count, read.CountedAll));
        Assert.Equal(oldest, read.Oldest.Select(s => s.Referral.Id).ToArray());
        // Room for all: all of them, oldest first.
        var all = await service.OldestInStateAsync(own.Coordinator, ReferralState.Submitted, 200, CancellationToken.None);
        Assert.Equal(seeded.Select(r => r.Id).ToArray(), all.Oldest.Select(s => s.Referral.Id).ToArray());

        var column = (await ReferralBoard.ReadAsync(service, own.Coordinator, withEnded: false, CancellationToken.None)).Single(c => c.State == ReferralState.Submitted);
        Assert.Equal((105, false, true), (column.Count, column.Beyond, column.ShowsOldestOnly));
        Assert.Equal(oldest, column.Items.Select(s => s.Referral.Id).ToArray());
        Assert.False(new ReferralColumn(ReferralState.Submitted, all.Oldest, all.Count, Beyond: false).ShowsOldestOnly);

        var page = Open(own);
        Assert.Equal("Modtaget (105)", page.Find("#column-Submitted h3").TextContent);
        Assert.Equal("Viser de 100 ældste af 105.", page.Find("#column-oldest-Submitted").TextContent);
        Assert.Equal(oldest, Shown(page));
        Assert.Single(page.FindAll("[data-oldest-only]"));
        Assert.Equal("Viser 100 af 105 åbne henvisninger.", page.Find("#filter-count").TextContent);

        // A filter judges the oldest read, and says so.
        page.Find("#filter-area").Change("Egeparken");
        page.WaitForAssertion(() => Assert.Equal("Modtaget (0)", page.Find("#column-Submitted h3").TextContent));
        Assert.Equal("Filtrene søger i de 100 ældste af 105.", page.Find("#column-oldest-Submitted").TextContent);

        await host.Get<PartnerHub.Api.Bot.LanguageResolver>().RememberForMemberAsync(own.ProjectId, own.CoordinatorId, "en", CancellationToken.None);
        var english = Open(own, heading: "Referrals");
        Assert.Equal("Received (105)", english.Find("#column-Submitted h3").TextContent);
        Assert.Equal("Showing the 100 oldest of 105.", english.Find("#column-oldest-Submitted").TextContent);
    }

    [Theory]
    [InlineData("da", "Modtaget (over 5.000)", "Over 5.000 i alt: viser de 2 ældste af de 5.000 nyeste.")]
    [InlineData("en", "Received (over 5,000)", "Over 5,000 in all: showing the 2 oldest of the newest 5,000.")]
    public async Task A_column_over_the_counting_bound_says_it_holds_more_and_what_its_oldest_are_the_oldest_of(string language, string heading, string line)
    {
        var own = await host.OwnProjectAsync();
        var items = await Task.WhenAll(
            host.ReferAsync(own, "Amina", "Bøgeparken", NeedCategories.Children, daysAgo: 3),
            host.ReferAsync(own, "Hodan", "Egeparken", NeedCategories.Health, daysAgo: 2));
        // Rendered alone: 5,000 referrals are too many to seed for a test; the read's bound is the service's constant.
        var over = new ReferralColumn(ReferralState.Submitted, items, ReferralService.CountedAtMost, Beyond: true);

        var view = _tab.Context.Render<ReferralColumnView>(parameters => parameters
            .Add(v => v.Column, over)
            .Add(v => v.Shown, items)
            .Add(v => v.Actor, own.Coordinator)
            .Add(v => v.Organisations, [])
            .Add(v => v.Now, DateTimeOffset.UtcNow)
            .Add(v => v.Text, _tab.Context.Services.GetRequiredService<DashboardStrings>().For(language)));

        Assert.Equal(heading, view.Find("h3").TextContent);
        Assert.Equal(line, view.Find("[data-oldest-only]").TextContent);
    }

    [Fact]
    public async Task The_filters_narrow_the_board_by_organisation_area_need_and_waiting_time()
    {
        var own = await host.OwnProjectAsync();
        var amina = await host.ReferAsync(own, "Amina", "Bøgeparken", NeedCategories.Children, daysAgo: 1);
        var hodan = await host.ReferAsync(own, "Hodan", "Egeparken", NeedCategories.Health, daysAgo: 20);
        var sara = await host.ReferAsync(own, "Sara", "Egeparken", NeedCategories.Children, daysAgo: 2, fromSchool: true);
        var page = Open(own);
        Assert.Equal("Viser 3 af 3 åbne henvisninger.", page.Find("#filter-count").TextContent);

        page.Find("#filter-organisation").Change("skolen");
        page.WaitForAssertion(() => Assert.Equal([sara.Referral.Id], Shown(page)));
        Assert.Equal("Modtaget (1)", page.Find("#column-Submitted h3").TextContent);

        page.Find("#filter-organisation").Change(string.Empty);
        page.Find("#filter-area").Change("Egeparken");
        page.WaitForAssertion(() => Assert.Equal([hodan.Referral.Id, sara.Referral.Id], Shown(page)));

        page.Find("#filter-need").Change(nameof(NeedCategories.Children));
        page.WaitForAssertion(() => Assert.Equal([sara.Referral.Id], Shown(page)));

        page.Find("#filter-clear").Click();
        page.Find("#filter-age").Change(nameof(PartnerHub.Api.Dashboard.Referrals.WaitingBand.TwoToFourWeeks));
        page.WaitForAssertion(() => Assert.Equal([hodan.Referral.Id], Shown(page)));
        Assert.Equal("Viser 1 af 3 åbne henvisninger.", page.Find("#filter-count").TextContent);

        page.Find("#filter-clear").Click();
        // One column, oldest first.
        page.WaitForAssertion(() => Assert.Equal([hodan.Referral.Id, sara.Referral.Id, amina.Referral.Id], Shown(page)));
        // Every filter is a native select with its label.
        foreach (var id in new[] { "filter-organisation", "filter-area", "filter-need", "filter-age" })
        {
            Assert.NotNull(page.Find($"label[for='{id}']"));
        }
    }

    [Fact]
    public async Task Assigning_from_the_opened_referral_goes_through_the_service_and_updates_every_card()
    {
        var own = await host.OwnProjectAsync();
        var hodan = await host.ReferAsync(own, "Hodan", "Egeparken", NeedCategories.Health, daysAgo: 2);
        var page = Open(own);
        page.Find($"#open-{hodan.Referral.Id}").Click();
        page.WaitForElement("#referral-facts");
        Assert.Equal($"Henvisning {ReferralIds.Reference(hodan.Referral.Id)}", page.Find("#referral-heading").TextContent);
        Assert.Contains("Hodan", page.Find("#referral-facts").TextContent, StringComparison.Ordinal);
        // Load-aware, as on the card: both mothers have none yet, so by name.
        Assert.Equal(["Fatima – 0 igangværende", "Samira – 0 igangværende"], page.FindAll("#assign-mother option").Skip(1).Select(o => o.TextContent).ToArray());

        page.Find("#assign-mother").Change(own.OtherMotherId);
        page.Find("#assign-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Bydelsmoren har fået henvisningen", page.Find("#referral-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal(nameof(ReferralState.Assigned), page.Find("#referral-state").GetAttribute("data-state"));
        Assert.Equal("Samira", page.Find("#referral-mother").TextContent);
        var stored = (await host.Get<ReferralStore>().FindAsync(own.ProjectId, hodan.Referral.Id, CancellationToken.None))!.Referral;
        Assert.Equal((ReferralState.Assigned, own.OtherMotherId), (stored.State, stored.AssignedMotherId));
        // The same service as the cards: her card goes to Samira, and every card showing the referral is updated in place.
        Assert.Contains(await host.PendingPayloadsAsync(own.ProjectId, ReferralNotifications.SendCardKind), p => ReferralNotifications.Read(p) is { Recipient: var r } && r == own.OtherMotherId);
        Assert.Contains(await host.PendingPayloadsAsync(own.ProjectId, ReferralNotifications.UpdateCardsKind), p => ReferralNotifications.Read(p).ReferralId == hodan.Referral.Id);

        page.Find("#referral-close").Click();
        page.WaitForAssertion(() => Assert.Equal("Tildelt en bydelsmor (1)", page.Find("#column-Assigned h3").TextContent));
    }

    [Fact]
    public async Task Declining_without_a_reason_says_so_beside_the_field_and_stores_nothing_then_declines_with_one()
    {
        var own = await host.OwnProjectAsync();
        var leyla = await host.ReferAsync(own, "Leyla", "Bøgeparken", NeedCategories.Work, daysAgo: 1);
        var page = OpenReferral(own, leyla.Referral.Id);

        page.Find("#decline-form").Submit();
        page.WaitForAssertion(() => Assert.Equal("Skal udfyldes.", page.Find("#referral-reason-error").TextContent));
        Assert.Equal("true", page.Find("#decline-reason").GetAttribute("aria-invalid"));
        Assert.Equal("referral-reason-error", page.Find("#decline-reason").GetAttribute("aria-describedby"));
        Assert.Equal(ReferralState.Submitted, (await host.Get<ReferralStore>().FindAsync(own.ProjectId, leyla.Referral.Id, CancellationToken.None))!.Referral.State);

        page.Find("#decline-reason").Change(nameof(DeclineReason.OutsideArea));
        page.Find("#decline-form").Submit();
        page.WaitForAssertion(() => Assert.Equal(nameof(ReferralState.Declined), page.Find("#referral-state").GetAttribute("data-state")));
        Assert.Contains("Hun bor uden for projektets område", page.Find("#referral-facts").TextContent, StringComparison.Ordinal);
        var stored = (await host.Get<ReferralStore>().FindAsync(own.ProjectId, leyla.Referral.Id, CancellationToken.None))!.Referral;
        Assert.Equal((ReferralState.Declined, DeclineReason.OutsideArea), (stored.State, stored.DeclineReason));
    }

    [Fact]
    public async Task Accepting_and_referring_on_use_the_cards_services()
    {
        var own = await host.OwnProjectAsync();
        var zahra = await host.ReferAsync(own, "Zahra", "Egeparken", NeedCategories.Authorities, daysAgo: 1);
        var page = OpenReferral(own, zahra.Referral.Id);

        page.Find("#referral-accept").Click();
        page.WaitForAssertion(() => Assert.Equal(nameof(ReferralState.Accepted), page.Find("#referral-state").GetAttribute("data-state")));
        // Her buttons are disabled while a change is on its way; the next one waits for them.
        page.WaitForAssertion(() => Assert.False(page.Find("#onward-submit").HasAttribute("disabled")));

        // Refer on without choosing: both errors beside their fields, nothing sent.
        AfterLiveSignal(() => page.Find("#onward-form").Submit());
        page.WaitForAssertion(() => Assert.Equal("Skal udfyldes.", page.Find($"#referral-{OnwardService.OrganisationField}-error").TextContent));
        Assert.NotNull(page.Find($"#referral-{OnwardService.NeedsField}-error"));
        Assert.Empty(await host.Get<OnwardStore>().OfReferralAsync(own.ProjectId, zahra.Referral.Id, CancellationToken.None));

        AfterLiveSignal(() => page.Find("#onward-organisation").Change("familieafdelingen"));
        AfterLiveSignal(() => page.Find($"#onward-need-{NeedCategories.Authorities}").Change(true));
        AfterLiveSignal(() => page.Find("#onward-form").Submit());

        page.WaitForAssertion(() => Assert.Contains("Hun er henvist videre", page.Find("#referral-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Familieafdelingen", page.Find("#referral-onwards").TextContent, StringComparison.Ordinal);
        var onward = Assert.Single(await host.Get<OnwardStore>().OfReferralAsync(own.ProjectId, zahra.Referral.Id, CancellationToken.None));
        Assert.Equal(("familieafdelingen", NeedCategories.Authorities), (onward.ToOrganisationId, onward.Needs));
    }

    [Fact]
    public async Task A_lost_race_shows_the_referral_as_it_is_now_with_a_notice_and_overwrites_nothing()
    {
        var own = await host.OwnProjectAsync();
        var amina = await host.ReferAsync(own, "Amina", "Bøgeparken", NeedCategories.Children, daysAgo: 1);
        var page = OpenReferral(own, amina.Referral.Id);
        page.Find("#decline-reason").Change(nameof(DeclineReason.NoCapacity));

        // Meanwhile, on the card in Teams (from another API instance, so no signal reaches this page), Fatima is assigned.
        var fatima = await host.Get<ReferralService>().ChangeAsync(own.Coordinator, amina.Referral.Id, amina.Version, new AssignReferral(own.MotherId), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, fatima.Outcome);
        page.Find("#decline-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede henvisningen", page.Find("#referral-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal(nameof(ReferralState.Assigned), page.Find("#referral-state").GetAttribute("data-state"));
        Assert.Equal("Fatima", page.Find("#referral-mother").TextContent);
        var stored = (await host.Get<ReferralStore>().FindAsync(own.ProjectId, amina.Referral.Id, CancellationToken.None))!.Referral;
        Assert.Equal((ReferralState.Assigned, own.MotherId, (DeclineReason?)null), (stored.State, stored.AssignedMotherId, stored.DeclineReason));
    }

    [Fact]
    public async Task A_change_made_on_a_card_appears_on_the_open_page_without_reloading()
    {
        var own = await host.OwnProjectAsync();
        var amina = await host.ReferAsync(own, "Amina", "Bøgeparken", NeedCategories.Children, daysAgo: 1);
        var page = Open(own);
        Assert.Equal("Modtaget (1)", page.Find("#column-Submitted h3").TextContent);

        // The triage card's "Acceptér" goes through the same service; the page hears of it and reads again by key.
        var accepted = await host.Get<ReferralService>().ChangeAsync(own.Coordinator, amina.Referral.Id, amina.Version, new AcceptReferral(), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);

        page.WaitForAssertion(() => Assert.Equal("Accepteret (1)", page.Find("#column-Accepted h3").TextContent));
        Assert.Equal("Modtaget (0)", page.Find("#column-Submitted h3").TextContent);
        Assert.Equal($"Opdateret: {ReferralIds.Reference(amina.Referral.Id)} blev ændret.", page.Find("#referrals-live").TextContent);
        Assert.Equal("polite", page.Find("#referrals-live").GetAttribute("aria-live"));

        // And with the referral open: a mother's card records contact; the open referral shows it.
        page.Find($"#open-{amina.Referral.Id}").Click();
        page.WaitForElement("#referral-state");
        var assigned = await host.Get<ReferralService>().ChangeAsync(own.Coordinator, amina.Referral.Id, accepted.Current!.Version, new AssignReferral(own.MotherId), null, CancellationToken.None);
        await host.Get<ReferralService>().ChangeAsync(own.Mother, amina.Referral.Id, assigned.Current!.Version, new RecordContact(), null, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Equal(nameof(ReferralState.Contacted), page.Find("#referral-state").GetAttribute("data-state")));
    }

    [Fact]
    public async Task The_page_is_English_for_a_coordinator_who_chose_English_and_ended_referrals_show_on_request()
    {
        var own = await host.OwnProjectAsync();
        var nour = await host.ReferAsync(own, "Nour", "Bøgeparken", NeedCategories.Health, daysAgo: 16);
        var declined = await host.ReferAsync(own, "Leyla", "Bøgeparken", NeedCategories.Work, daysAgo: 2);
        await host.Get<ReferralService>().ChangeAsync(own.Coordinator, declined.Referral.Id, declined.Version, new DeclineReferral(DeclineReason.NotTargetGroup), null, CancellationToken.None);
        await host.Get<PartnerHub.Api.Bot.LanguageResolver>().RememberForMemberAsync(own.ProjectId, own.CoordinatorId, "en", CancellationToken.None);

        var page = Open(own, heading: "Referrals");
        Assert.Equal("Received (1)", page.Find("#column-Submitted h3").TextContent);
        Assert.Contains("Waiting too long: no contact after 14 days", page.Find($"li[data-referral-id='{nour.Referral.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#column-Declined"));

        page.Find("#toggle-ended").Click();
        page.WaitForAssertion(() => Assert.Equal("Declined (1)", page.Find("#column-Declined h3").TextContent));
        Assert.Equal("true", page.Find("#toggle-ended").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Only_a_coordinator_gets_the_board_and_it_lists_nothing_for_anyone_else()
    {
        var own = await host.OwnProjectAsync();
        await host.ReferAsync(own, "Amina", "Bøgeparken", NeedCategories.Children, daysAgo: 1);
        // A mother and a kindergarten teacher get their own pages (TabPages), never the board.
        foreach (var (objectId, ownPage) in new[] { (own.MotherId, "#nav-mother-women"), (own.TeacherId, "#nav-partner-referrals") })
        {
            _tab.Teams.Token = host.Host.TokenFor(objectId);
            var page = _tab.RenderPage();
            page.WaitForAssertion(() => Assert.NotNull(page.Find(ownPage)));
            Assert.Empty(page.FindAll("#nav-referrals"));
            Assert.Empty(page.FindAll("#referral-board"));
        }

        var service = host.Get<ReferralService>();
        foreach (var actor in new[] { own.Mother, own.Teacher })
        {
            var (items, more) = await service.ListInStateAsync(actor, ReferralState.Submitted, 50, CancellationToken.None);
            Assert.Empty(items);
            Assert.False(more);
        }

        foreach (var actor in new[] { own.Mother, own.Teacher })
        {
            var read = await service.OldestInStateAsync(actor, ReferralState.Submitted, 50, CancellationToken.None);
            Assert.Equal((0, 0), (read.Oldest.Count, read.Count));
        }

        Assert.Single((await service.ListInStateAsync(own.Coordinator, ReferralState.Submitted, 50, CancellationToken.None)).Items);
        Assert.Equal(1, (await service.OldestInStateAsync(own.Coordinator, ReferralState.Submitted, 50, CancellationToken.None)).Count);
    }

    private IRenderedComponent<DashboardPage> Open(SharedTabHost.OwnProject own, string heading = "Henvisninger")
    {
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-referrals").Click();
        page.WaitForAssertion(() => Assert.Equal(heading, page.Find("h2#referrals-heading").TextContent));
        page.WaitForElement("#referral-board");
        return page;
    }

    private IRenderedComponent<DashboardPage> OpenReferral(SharedTabHost.OwnProject own, string referralId)
    {
        var page = Open(own);
        page.Find($"#open-{referralId}").Click();
        page.WaitForElement("#referral-state");
        return page;
    }

    /// <summary>
    /// An event right after a change made on the page: the change's live signal re-reads and re-renders the page on its
    /// own circuit, which can replace an element's handler between finding it and firing the event. Nothing was
    /// dispatched then, so the event is fired again on the element as rendered now.
    /// </summary>
    private static void AfterLiveSignal(Action fire)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                fire();
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 5)
            {
            }
        }
    }

    private static string[] Shown(IRenderedComponent<DashboardPage> page) =>
        [.. page.FindAll("#referral-board li[data-referral-id]").Select(li => li.GetAttribute("data-referral-id")!)];
}
