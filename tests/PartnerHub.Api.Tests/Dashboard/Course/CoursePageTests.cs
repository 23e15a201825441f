using System.Diagnostics.CodeAnalysis;
using Bunit;
using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Tests.Dashboard.Course;

/// <summary>The tab's Kursus page in bUnit with the real course services on Azurite and the real token check, one host for the class.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class CoursePageTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task The_demos_running_cohort_shows_each_sessions_state_at_a_glance_in_Danish()
    {
        _tab.Teams.Token = host.Host.TokenFor(DemoData.Coordinator.ObjectId);
        var page = OpenCohort(CourseDemoSeed.RunningCohortId);

        Assert.Equal("Kursus", page.Find("h2#course-heading").TextContent);
        var store = host.Get<CourseStore>();
        var cohort = (await store.FindCohortAsync(DemoData.Vollsmose.Id, CourseDemoSeed.RunningCohortId, CancellationToken.None))!.Cohort;
        var bookings = (await store.BookingsAsync(DemoData.Vollsmose.Id, cohort.Id, CancellationToken.None)).Select(b => b.Booking).ToList();
        var today = CopenhagenTime.DateOf(DateTimeOffset.UtcNow);
        var danish = new Dictionary<SessionStaffingState, string>
        {
            [SessionStaffingState.Held] = "Afholdt",
            [SessionStaffingState.Booked] = "Booket",
            [SessionStaffingState.Awaiting] = "Venter på svar",
            [SessionStaffingState.CounterProposed] = "Ny dato foreslået",
            [SessionStaffingState.Open] = "Mangler underviser",
        };
        foreach (var session in cohort.Plan.Sessions)
        {
            // Each row says what Core's one rule says, in Danish words, with the date in the one date format.
            var state = SessionStaffing.Of(session, bookings, today);
            var row = page.Find($"#course-plan tr[data-session-id='{session.Id}']");
            Assert.Equal(state.ToString(), row.GetAttribute("data-state"));
            Assert.Equal(danish[state], row.QuerySelector("[data-staffing]")!.TextContent.Trim());
            Assert.Equal(CopenhagenDates.Date(session.Date, Languages.Danish), row.QuerySelector("th")!.TextContent);
        }

        Assert.Equal(danish.Keys.ToHashSet(), page.FindAll("#course-plan tr[data-state]").Select(r => Enum.Parse<SessionStaffingState>(r.GetAttribute("data-state")!)).ToHashSet());
        var booked = cohort.Plan.Sessions.Single(s => SessionStaffing.ActiveBooking(s, bookings)?.Id == "b-confirmed");
        Assert.Contains("Lidia", page.Find($"#course-plan tr[data-session-id='{booked.Id}']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Fatma", page.Find("#course-participants").TextContent, StringComparison.Ordinal);
        Assert.Contains("mindst 75 %", page.Find("#completion-rule").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Booking_a_teacher_from_the_row_calls_the_service_and_shows_the_session_awaiting_her_answer()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var session = own.Cohort.Plan.Sessions[0];
        var page = OpenCohort(own.Cohort.Id);
        Assert.Equal(nameof(SessionStaffingState.Open), page.Find($"tr[data-session-id='{session.Id}']").GetAttribute("data-state"));

        page.Find($"#book-{session.Id}").Click();
        page.WaitForElement("#booking-teacher").Change(own.TeacherId);
        page.Find("#booking-panel form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Forespørgslen er sendt til underviseren.", page.Find("#cohort-notice").TextContent, StringComparison.Ordinal));
        var row = page.Find($"tr[data-session-id='{session.Id}']");
        Assert.Equal(nameof(SessionStaffingState.Awaiting), row.GetAttribute("data-state"));
        Assert.Contains("Venter på svar", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lidia", row.TextContent, StringComparison.Ordinal);
        var stored = Assert.Single(await host.Get<CourseStore>().BookingsAsync(own.ProjectId, own.Cohort.Id, CancellationToken.None));
        Assert.Equal((own.TeacherId, session.Id, BookingState.Requested), (stored.Booking.TeacherId, stored.Booking.SessionId, stored.Booking.State));
        Assert.Equal(own.CoordinatorId, stored.Booking.RequestedBy);
    }

    [Fact]
    public async Task A_lost_race_shows_the_cohort_as_it_is_now_with_a_notice_and_changes_nothing()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var session = own.Cohort.Plan.Sessions[1];
        var page = OpenCohort(own.Cohort.Id);
        page.Find($"#cancel-{session.Id}").Click();
        page.WaitForElement("#cancel-week-yes");

        // Meanwhile, on a card or in another tab, a participant is added: the cohort moves on a version.
        var added = await host.Get<CourseService>().AddParticipantAsync(own.Coordinator, own.Cohort.Id, own.Cohort.Version, new ParticipantInput("Hodan", null), null, CancellationToken.None);
        Assert.Equal(PartnerHub.Core.Changes.ChangeOutcome.Changed, added.Outcome);

        page.Find("#cancel-week-yes").Click();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede holdet", page.Find("#cohort-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Hodan", page.Find("#course-participants").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#cancel-week-panel"));
        Assert.NotEqual(nameof(SessionStaffingState.Cancelled), page.Find($"tr[data-session-id='{session.Id}']").GetAttribute("data-state"));
        var now = (await host.Get<CourseStore>().FindCohortAsync(own.ProjectId, own.Cohort.Id, CancellationToken.None))!.Cohort;
        Assert.True(now.Plan.Find(session.Id)!.Counts);
    }

    [Fact]
    public async Task The_cohort_form_shows_the_cards_error_texts_beside_its_fields_and_stores_nothing()
    {
        var own = await host.OwnCourseAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-course").Click();
        page.WaitForElement("#cohort-new").Click();
        page.WaitForElement("#cohort-name").Change("Hold forår");
        page.Find("#cohort-weeks").Change("40");
        page.Find("#cohort-name").Closest("form")!.Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#cohort-form-error-summary")));
        // The texts are the cards' (cards/strings.da.json), found through CourseErrorTexts.PathOf: shared and course codes.
        Assert.Equal("Skal udfyldes.", page.Find("#cohort-place-error").TextContent);
        Assert.Equal("Skriv et antal uger mellem 1 og 30.", page.Find("#cohort-weeks-error").TextContent);
        Assert.Equal("true", page.Find("#cohort-weeks").GetAttribute("aria-invalid"));
        Assert.Equal("cohort-weeks-error", page.Find("#cohort-weeks").GetAttribute("aria-describedby"));
        Assert.Empty(page.FindAll("#cohort-name-error"));
        Assert.Single(await host.Get<CourseService>().ListAsync(own.Coordinator, CancellationToken.None));
    }

    [Fact]
    public async Task Each_issued_certificate_is_a_link_to_it_in_SharePoint_named_with_her_name()
    {
        var own = await host.OwnCourseAsync();
        var added = await host.Get<CourseService>().AddParticipantAsync(own.Coordinator, own.Cohort.Id, own.Cohort.Version, new ParticipantInput("Fatima", null), null, CancellationToken.None);
        var (amina, fatima) = (added.Current!.Cohort.Participants[0], added.Current.Cohort.Participants[1]);
        const string WebUrl = "https://vollsmose.sharepoint.example/Certifikater/bevis-amina.pdf";
        await host.Get<CertificateStore>().RecordAsync(
            new IssuedCertificate(own.ProjectId, own.Cohort.Id, amina.Id, "item-amina", WebUrl, DateTimeOffset.UtcNow, own.CoordinatorId, "Alex"), [], CancellationToken.None);
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);

        var page = OpenCohort(own.Cohort.Id);

        var link = page.Find($"#course-completion tr[data-participant-id='{amina.Id}'] a#certificate-{amina.Id}");
        Assert.Equal(WebUrl, link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Contains("noopener", link.GetAttribute("rel")!, StringComparison.Ordinal);
        Assert.Equal("Åbn bevis: Amina", link.GetAttribute("aria-label"));
        Assert.Equal("Åbn bevis", link.TextContent);
        Assert.Empty(page.FindAll($"#course-completion tr[data-participant-id='{fatima.Id}'] a"));
    }

    [Fact]
    public void A_teacher_gets_no_access_to_the_tab_and_so_none_to_the_course()
    {
        _tab.Teams.Token = host.Host.TokenFor(DemoData.TeacherLidia.ObjectId);
        var page = _tab.RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Du har ikke adgang til Overblik", page.Find("#access-heading").TextContent));
        Assert.Empty(page.FindAll("#nav-course"));
        Assert.Empty(page.FindAll("#course-plan"));
    }

    private IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> OpenCohort(string cohortId)
    {
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-course").Click();
        page.WaitForElement($"#cohort-open-{cohortId}").Click();
        page.WaitForElement("#course-plan");
        return page;
    }
}
