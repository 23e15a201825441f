using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.CodeAnalysis;
using Bunit;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>The Sessions page rendered by bUnit with the real services on Azurite and the real token check.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DashboardPageTests : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private readonly TabScenario _tab = new();

    public Task InitializeAsync() => _tab.SeedAsync();

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task Coordinator_sees_upcoming_sessions_with_answers_in_Danish()
    {
        var stored = await _tab.CreateSessionAsync("Supervision i december");
        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Supervision i december", page.Find("#upcoming-sessions").TextContent, StringComparison.Ordinal));
        Assert.Equal("Møder", page.Find("h2#sessions-heading").TextContent);
        var row = page.Find($"tr[data-session-id='{stored.Session.Id}']");
        Assert.Contains("kl. 14.00–16.00", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Planlagt", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Svar: 0 kommer, 0 måske, 0 kommer ikke, 2 har ikke svaret", row.QuerySelector("td.ph-answers [aria-label]")!.GetAttribute("aria-label"));
        Assert.Contains("Der er ikke holdt nogen møder endnu.", page.Find("#past-sessions").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#demo-banner"));
    }

    [Fact]
    public async Task A_Danish_project_stays_Danish_on_an_English_Teams_until_she_switches_and_her_switch_is_remembered()
    {
        await _tab.CreateSessionAsync("Experience exchange");
        _tab.Teams.Locale = "en-gb";
        // The manifest's contentUrl carries Teams' locale: it does not make a Danish project English.
        var page = _tab.RenderPage(locale: "en-gb");
        page.WaitForAssertion(() => Assert.Equal("Møder", page.Find("h2#sessions-heading").TextContent));

        page.Find("#language-switch").Click();
        page.WaitForAssertion(() => Assert.Equal("Sessions", page.Find("h2#sessions-heading").TextContent));
        Assert.Contains("Planned", page.Find("#upcoming-sessions").TextContent, StringComparison.Ordinal);

        // Remembered for her: the next visit to the tab, and the bot's cards.
        var again = _tab.RenderPage(locale: "da-dk");
        again.WaitForAssertion(() => Assert.Equal("Sessions", again.Find("h2#sessions-heading").TextContent));
        Assert.Equal(Languages.English, await _tab.LanguageOfAsync(TabScenario.CoordinatorId));
        Assert.Equal(Languages.Danish, await _tab.LanguageOfAsync(TabScenario.MotherId));
    }

    [Fact]
    public async Task A_project_set_to_English_shows_the_tab_in_English()
    {
        await _tab.SetProjectLanguageAsync(Languages.English);

        var page = _tab.RenderPage(locale: "da-dk");

        page.WaitForAssertion(() => Assert.Equal("Sessions", page.Find("h2#sessions-heading").TextContent));
    }

    [Fact]
    public void A_teacher_who_has_no_tab_gets_the_no_access_page()
    {
        // Mothers and partner staff have their own pages now (Partner/, Mother/); a teacher has her cards only.
        _tab.Teams.Token = _tab.Host.TokenFor(TabScenario.TeacherId);
        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Du har ikke adgang til Overblik", page.Find("#access-heading").TextContent));
        Assert.Empty(page.FindAll("#upcoming-sessions"));
    }

    [Fact]
    public void A_forged_token_signs_nobody_in_and_outside_Teams_the_page_says_open_in_Teams()
    {
        using var forger = new PartnerHub.Tests.Shared.TestKey("forger");
        _tab.Teams.Token = _tab.Host.TokenFor(TabScenario.CoordinatorId, key: forger);
        var forged = _tab.RenderPage(locale: "en");
        forged.WaitForAssertion(() => Assert.Equal("We could not sign you in", forged.Find("#access-heading").TextContent));
        Assert.Empty(forged.FindAll("#upcoming-sessions"));

        _tab.Teams.InTeams = false;
        var outside = _tab.RenderPage();
        outside.WaitForAssertion(() => Assert.Equal("Åbn Overblik i Teams", outside.Find("#access-heading").TextContent));
    }

    [Fact]
    public async Task The_form_shows_each_error_beside_its_field_and_stores_nothing()
    {
        await _tab.ChooseLanguageAsync(Languages.English);
        var page = _tab.RenderPage();
        page.WaitForElement("#session-new").Click();
        // The click may be dispatched while the list is still loading: wait for the form it opens.
        page.WaitForElement("#title").Change("Supervision");
        page.Find("#date").Change("2001-01-01");
        page.Find("#startTime").Change("10:00");
        page.Find("#endTime").Change("09:00");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#form-error-summary")));
        Assert.Equal("Required.", page.Find("#kind-error").TextContent);
        Assert.Equal("That time has passed. Choose a time in the future.", page.Find("#date-error").TextContent);
        Assert.Equal("Required.", page.Find("#invitees-error").TextContent);
        Assert.Equal("true", page.Find("#date").GetAttribute("aria-invalid"));
        Assert.Equal("date-error", page.Find("#date").GetAttribute("aria-describedby"));
        Assert.Empty(page.FindAll("#title-error"));
        Assert.Equal("Supervision", page.Find("#title").GetAttribute("value"));
    }

    [Fact]
    public async Task Creating_through_the_form_stores_one_session_even_when_submitted_twice()
    {
        var page = _tab.RenderPage();
        page.WaitForElement("#session-new").Click();
        var date = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        page.WaitForElement("#kind").Change(nameof(SessionKind.ExperienceExchange));
        page.Find("#title").Change("Erfaringsudveksling om åbent hus");
        page.Find("#date").Change(date);
        page.Find("#startTime").Change("17:00");
        page.Find("#endTime").Change("19:00");
        page.Find("#online").Change(true);
        page.Find("#invitee-mothers-0").Change(true);
        var form = page.Find("form");
        var first = form.SubmitAsync();
        try
        {
            await Task.WhenAll(first, form.SubmitAsync());
        }
        catch (ElementRemovedFromDomException)
        {
            // The first press finished (and closed the form) before the second could reach it: there was nothing to press twice.
            await first;
        }

        page.WaitForAssertion(() => Assert.Contains("Mødet er oprettet", page.Find("#detail-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal("Erfaringsudveksling om åbent hus", page.Find("#detail-heading").TextContent);
        Assert.Contains("Online", page.Find("#session-detail").TextContent, StringComparison.Ordinal);
        Assert.Contains("Fatima", page.Find("#session-invitees").TextContent, StringComparison.Ordinal);

        var stored = Assert.Single(await _tab.Sessions.ListAsync(_tab.Coordinator, CancellationToken.None));
        Assert.True(stored.Session.IsOnline);
        Assert.Equal([TabScenario.MotherId], stored.Session.Invitees.Select(i => i.ObjectId));
    }

    [Theory]
    [InlineData("da", "1 kommer · 0 måske · 0 kommer ikke · 1 har ikke svaret", "Svar: 1 kommer, 0 måske, 0 kommer ikke, 1 har ikke svaret")]
    [InlineData("en", "1 coming · 0 maybe · 0 not coming · 1 not answered", "Answers: 1 coming, 0 maybe, 0 not coming, 1 not answered")]
    public async Task The_answers_column_says_in_words_who_is_coming(string language, string shown, string label)
    {
        var stored = await _tab.CreateSessionAsync("Supervision");
        await _tab.Sessions.ChangeAsync(new(TabScenario.MotherId, _tab.ProjectId, PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, null), stored.Session.Id, null, new RespondToSession(Rsvp.Accepted), null, null, CancellationToken.None);
        await _tab.ChooseLanguageAsync(language);
        var page = _tab.RenderPage();

        var answers = page.WaitForElement($"tr[data-session-id='{stored.Session.Id}'] td.ph-answers [role=img]");
        Assert.Equal(shown, System.Text.RegularExpressions.Regex.Replace(answers.TextContent, @"\s+", " ").Trim());
        Assert.Equal(label, answers.GetAttribute("aria-label"));
        Assert.DoesNotContain("✓", answers.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_lists_invitees_with_their_answers_in_English()
    {
        var stored = await _tab.CreateSessionAsync("Supervision");
        await _tab.Sessions.ChangeAsync(new(TabScenario.MotherId, _tab.ProjectId, PartnerHub.Core.Partners.ProjectRole.NeighbourhoodMother, null), stored.Session.Id, null, new RespondToSession(Rsvp.Accepted), null, null, CancellationToken.None);
        await _tab.ChooseLanguageAsync(Languages.English);
        var page = _tab.RenderPage();
        page.WaitForElement($"tr[data-session-id='{stored.Session.Id}'] fluent-button").Click();

        page.WaitForAssertion(() => Assert.Equal("Supervision", page.Find("#detail-heading").TextContent));
        var rows = page.FindAll("#session-invitees tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Fatima", StringComparison.Ordinal) && r.Contains("Yes", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Birgitte", StringComparison.Ordinal) && r.Contains("Not answered", StringComparison.Ordinal));
        Assert.Contains("Attendance can be recorded once the session has started.", page.Find("#session-attendance").TextContent, StringComparison.Ordinal);
        // No Graph settings on this host: the local calendar stands in, and the page says nothing reaches Outlook.
        Assert.Equal("Demo: nothing is sent to Outlook. The invitation only shows in PartnerHub.", page.Find("#outlook-status").TextContent);
    }

    [Fact]
    public async Task The_Teams_meetings_proposal_is_shown_and_preselected_until_attendance_is_saved()
    {
        var past = await _tab.HeldSessionAsync("Supervision på Teams");
        var session = past.Session;
        var proposal = new TeamsAttendance(TeamsAttendanceStatus.Proposed, [TabScenario.MotherId], 1, session.End, session.End.AddMinutes(20));
        var store = _tab.Host.Services.GetRequiredService<PartnerHub.Api.Supervision.SessionStore>();
        await store.UpdateAsync(past, session with { IsOnline = true, Place = null, TeamsAttendance = proposal, Version = session.Version + 1 }, null, [], CancellationToken.None);
        var page = _tab.RenderPage();
        page.WaitForElement($"tr[data-session-id='{session.Id}'] fluent-button").Click();

        page.WaitForAssertion(() => Assert.Contains($"Ifølge Teams-mødet deltog 1 af de {session.Invitees.Count} inviterede.", page.Find("#teams-attendance").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 deltager mere var med", page.Find("#teams-attendance").TextContent, StringComparison.Ordinal);
        var mother = session.Invitees.Select((invitee, index) => (invitee, index)).Single(x => x.invitee.ObjectId == TabScenario.MotherId).index;
        Assert.True(page.Find($"#attended-{mother}").HasAttribute("checked"));
        Assert.Single(page.FindAll("#session-attendance input[type=checkbox]"), box => box.HasAttribute("checked"));
    }

    [Fact]
    public async Task A_lost_race_shows_the_session_as_it_is_now_and_overwrites_nothing()
    {
        var stored = await _tab.CreateSessionAsync("Supervision før jul");
        var page = _tab.RenderPage();
        page.WaitForElement($"tr[data-session-id='{stored.Session.Id}'] fluent-button").Click();
        page.WaitForElement("#session-cancel").Click();

        // Meanwhile, in another tab or on a card, the session is renamed from the version it has now.
        var renamed = await RenameAsync(stored.Session.Id, "Supervision efter jul");
        Assert.Equal(ChangeOutcome.Changed, renamed);

        page.Find("#cancel-confirm-yes").Click();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede mødet", page.Find("#detail-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal("Supervision efter jul", page.Find("#detail-heading").TextContent);
        Assert.Contains("Planlagt", page.Find("#session-detail").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#cancel-confirm"));
        var now = await _tab.Sessions.ReadAsync(_tab.Coordinator, stored.Session.Id, CancellationToken.None);
        Assert.Equal(SessionState.Scheduled, now!.Session.State);
    }

    [Fact]
    public async Task PartnerHubs_own_bookkeeping_while_the_page_is_open_is_no_lost_race()
    {
        var stored = await _tab.CreateSessionAsync("Supervision i januar");
        var page = _tab.RenderPage();
        page.WaitForElement($"tr[data-session-id='{stored.Session.Id}'] fluent-button").Click();
        page.WaitForElement("#session-cancel").Click();

        // The day-before reminder goes out meanwhile: a new version, but nobody changed the session.
        var writer = _tab.Host.Services.GetRequiredService<PartnerHub.Api.Supervision.SessionSystemWriter>();
        var reminded = await writer.ApplyAsync(stored.Session.ProjectId, stored.Session.Id, (session, _) => ReminderPolicy.MarkSent(session), CancellationToken.None);
        Assert.True(reminded!.Session.Version > stored.Session.Version);

        page.Find("#cancel-confirm-yes").Click();

        page.WaitForAssertion(() => Assert.Contains("Aflyst", page.Find("#session-detail").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(page.FindAll("#detail-notice"), notice => notice.TextContent.Contains("Nogen ændrede", StringComparison.Ordinal));
        var now = await _tab.Sessions.ReadAsync(_tab.Coordinator, stored.Session.Id, CancellationToken.None);
        Assert.Equal(SessionState.Cancelled, now!.Session.State);
    }

    [Fact]
    public async Task Minutes_attached_as_a_file_are_staged_for_the_outbox_under_ids_only()
    {
        var held = await _tab.HeldSessionAsync("Supervision i november");
        var page = _tab.RenderPage();
        page.WaitForElement($"tr[data-session-id='{held.Session.Id}'] fluent-button").Click();
        page.WaitForElement("#minutes-file");

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(Pdf, "Referat med Fatima.pdf", contentType: "application/pdf"));
        page.Find("#minutes-file-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Filen er modtaget", page.Find("#detail-notice").TextContent, StringComparison.Ordinal));
        var row = Assert.Single(await OutboxRowsAsync(PartnerHub.Api.Supervision.SessionNotifications.UploadMinutesFileKind));
        Assert.DoesNotContain("Fatima", row.GetString("Payload"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#minutes-file-error"));
    }

    [Fact]
    public async Task A_file_that_is_not_what_its_name_says_is_refused_beside_the_field_and_nothing_is_kept()
    {
        var held = await _tab.HeldSessionAsync("Erfaringsudveksling");
        await _tab.ChooseLanguageAsync(Languages.English);
        var page = _tab.RenderPage();
        page.WaitForElement($"tr[data-session-id='{held.Session.Id}'] fluent-button").Click();
        page.WaitForElement("#minutes-file");

        // A Windows program renamed to .pdf.
        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "minutes.pdf", contentType: "application/pdf"));
        page.Find("#minutes-file-save").Click();

        page.WaitForAssertion(() => Assert.Contains("does not match its type", page.Find("#minutes-file-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("minutes-file-hint minutes-file-error", page.Find("#minutes-file").GetAttribute("aria-describedby"));
        Assert.Empty(await OutboxRowsAsync(PartnerHub.Api.Supervision.SessionNotifications.UploadMinutesFileKind));
    }

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray();

    private async Task<List<Azure.Data.Tables.TableEntity>> OutboxRowsAsync(string kind)
    {
        var rows = new List<Azure.Data.Tables.TableEntity>();
        var table = _tab.Host.Tables.Table(PartnerHub.Api.Storage.TableNames.Main);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(PartnerHub.Api.Storage.TableQueries.Prefix(_tab.ProjectId, "outbox|")))
        {
            if (row.GetString("Kind") == kind)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    [Fact]
    public async Task A_coordinator_of_two_projects_switches_between_them_and_only_between_hers()
    {
        await _tab.CreateSessionAsync("Supervision i første projekt");
        var second = await _tab.Host.SeedProjectAsync("tab2-" + UniqueIds.Next(8));
        var directory = _tab.Host.Services.GetRequiredService<PartnerHub.Api.Partners.DirectoryStore>();
        await directory.UpsertMemberAsync(RestHost.TenantId, new PartnerHub.Core.Partners.ProjectMember(TabScenario.CoordinatorId, second.Id, PartnerHub.Core.Partners.ProjectRole.Coordinator, null, "Camilla"), CancellationToken.None);
        // A project where she is only a partner's staff member is not hers to show.
        var foreign = await _tab.Host.SeedProjectAsync("tab3-" + UniqueIds.Next(8));
        await directory.UpsertMemberAsync(RestHost.TenantId, new PartnerHub.Core.Partners.ProjectMember(TabScenario.CoordinatorId, foreign.Id, PartnerHub.Core.Partners.ProjectRole.Teacher, null, "Camilla"), CancellationToken.None);

        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Supervision i første projekt", page.Find("#upcoming-sessions").TextContent, StringComparison.Ordinal));
        var options = page.FindAll("#project-select option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(new[] { _tab.ProjectId, second.Id }.Order(StringComparer.Ordinal), options);
        Assert.Contains(second.Name, page.Find("#project-select").TextContent, StringComparison.Ordinal);

        page.Find("#project-select").Change(second.Id);

        page.WaitForAssertion(() => Assert.Contains("Der er ingen planlagte møder", page.Find("#upcoming-sessions").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Supervision i første projekt", page.Markup, StringComparison.Ordinal);
        var identity = page.Services.GetRequiredService<PartnerHub.Api.Dashboard.TabIdentity>();
        Assert.Equal(second.Id, (await identity.ActorAsync(CancellationToken.None))!.ProjectId);
        Assert.False(identity.ChooseProject(foreign.Id));
        Assert.Equal(second.Id, (await identity.ActorAsync(CancellationToken.None))!.ProjectId);
    }

    private async Task<ChangeOutcome?> RenameAsync(string sessionId, string title)
    {
        var current = await _tab.Sessions.ReadAsync(_tab.Coordinator, sessionId, CancellationToken.None);
        var input = PartnerHub.Api.Supervision.SessionViews.InputOf(current!.Session) with { Title = title };
        var (change, _) = await _tab.Sessions.EditAsync(_tab.Coordinator, sessionId, current.Session.Version, input, null, CancellationToken.None);
        return change?.Outcome;
    }
}
