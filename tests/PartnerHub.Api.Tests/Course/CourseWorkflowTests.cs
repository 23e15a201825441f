using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Course.CourseWorkflowScenario;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// Issue 12's whole course through /api/messages, as Teams sends it with signed tokens: Karen plans a cohort in
/// Vollsmose, books Lidia for a session, Lidia proposes another date, Karen takes it and the event reaches Outlook
/// (Graph in WireMock), the weeks go by, Karen records attendance, issues the certificates and makes the woman who
/// completed a neighbourhood mother. Each step asserts what the person sees on her card, in Danish, and what was
/// stored; the outbox is delivered by hand between the steps. One host of its own: the story moves the clock.
/// </summary>
public sealed class CourseWorkflowTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    // Amina has an account in the organisation (she can become a neighbourhood mother); Fatima has none.
    private const string AminaObjectId = "a0b1c2d3-0000-4000-8000-0000000000a1";

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Actor Karen = new(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null);

    private readonly CourseWorkflowScenario _course = new();

    // The story's calendar: next year, so the dates are always ahead of the real clock the seeding ran on.
    private readonly int _year = DateTimeOffset.UtcNow.Year + 1;

    private string _cohortId = null!;
    private string _planActivityId = null!;
    private List<DateOnly> _dates = null!;
    private string _amina = null!;
    private string _fatima = null!;
    private string _bookingId = null!;
    private string _teachersCardId = null!;
    private string _proposalCardId = null!;
    private string _karensCardId = null!;

    // The card in front of Karen at the end of a step: the plan after the attendance, later the certificates card.
    private JsonObject _karensCard = null!;
    private JsonObject _propose = null!;
    private JsonObject _acceptProposal = null!;
    private DateOnly _proposedDate;

    private DateOnly FirstMonday
    {
        get
        {
            var march = new DateOnly(_year, 3, 1);
            return march.AddDays(((int)DayOfWeek.Monday - (int)march.DayOfWeek + 7) % 7);
        }
    }

    private string CohortName => "Hold forår " + _year.ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await _course.SeedAsync((AminaObjectId, "Amina"));
        _course.Clock.SetUtcNow(new DateTimeOffset(_year, 1, 11, 8, 0, 0, TimeSpan.Zero));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _course.Dispose();

    [Fact]
    public async Task A_cohort_is_planned_staffed_held_and_certified_and_the_woman_who_completed_becomes_a_neighbourhood_mother()
    {
        await The_coordinator_plans_a_cohort_of_16_Mondays_that_passes_over_the_public_holidays();
        await She_puts_two_women_on_the_list_and_books_a_teacher_who_gets_her_card();
        await The_teacher_proposes_another_Monday_and_the_coordinator_takes_it_so_Outlook_gets_the_event();
        await A_second_press_on_take_the_new_date_is_applied_once();
        await After_the_course_she_records_attendance_so_one_woman_completes_and_the_other_does_not();
        await She_issues_the_certificates_and_the_PDF_of_the_woman_who_completed_is_stored_in_SharePoint();
        await She_makes_the_woman_who_completed_a_neighbourhood_mother();
    }

    private async Task The_coordinator_plans_a_cohort_of_16_Mondays_that_passes_over_the_public_holidays()
    {
        var (form, formId) = await _course.SayAsync(Coordinator, "kursus");
        Assert.Contains("Nyt kursushold", Text(form), StringComparison.Ordinal);

        var submit = ActionData(form, CourseVerbs.Create);
        submit[CohortForm.Fields.Name] = CohortName;
        submit[CohortForm.Fields.StartDate] = FirstMonday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        submit[CohortForm.Fields.Weekday] = nameof(DayOfWeek.Monday);
        submit[CohortForm.Fields.StartTime] = "17:00";
        submit[CohortForm.Fields.EndTime] = "19:30";
        submit[CohortForm.Fields.Place] = "Kvindecenteret, Vollsmose Allé 1";
        submit[CohortForm.Fields.Weeks] = "16";
        var plan = await _course.ActAsync(Coordinator, CourseVerbs.Create, submit, formId);

        Assert.Contains("Det er gemt.", Text(plan), StringComparison.Ordinal);
        Assert.Contains(CohortName, Text(plan), StringComparison.Ordinal);
        var rows = Rows(plan);
        _dates = ExpectedMondays(FirstMonday, 16);
        Assert.Equal(_dates.Select(d => CopenhagenDates.Date(d, "da")), rows.Select(r => r.DateText));
        Assert.All(rows, r => Assert.Equal("Åben", r.StateLabel));
        var easterMonday = EasterSunday(_year).AddDays(1);
        Assert.DoesNotContain(CopenhagenDates.Date(easterMonday, "da"), Text(plan), StringComparison.Ordinal);
        Assert.DoesNotContain(CopenhagenDates.Date(easterMonday.AddDays(49), "da"), Text(plan), StringComparison.Ordinal);

        var stored = Assert.Single(await _course.Get<CourseStore>().CohortsAsync(ProjectId, None)).Cohort;
        _cohortId = stored.Id;
        Assert.Equal(_dates, stored.Plan.Counting.Select(s => s.Date));
        Assert.Contains(stored.Plan.Skipped, s => s.Date == easterMonday && s.Reason == PlanGenerator.Reasons.PublicHoliday);
        Assert.Contains(stored.Plan.Skipped, s => s.Date == easterMonday.AddDays(49) && s.Reason == PlanGenerator.Reasons.PublicHoliday);
        Assert.Equal((new TimeOnly(17, 0), new TimeOnly(19, 30), DayOfWeek.Monday), (stored.Plan.StartTime, stored.Plan.EndTime, stored.Plan.Weekday));
    }

    private async Task She_puts_two_women_on_the_list_and_books_a_teacher_who_gets_her_card()
    {
        // No card adds participants (the tab and REST do): the women are put on the list through CourseService, which
        // both of those call, as Karen. Amina is chosen with her account, Fatima by name only.
        var courses = _course.Get<CourseService>();
        var version = (await _course.Get<CourseStore>().FindCohortAsync(ProjectId, _cohortId, None))!.Cohort.Version;
        var amina = await courses.AddParticipantAsync(Karen, _cohortId, version, new ParticipantInput("Amina Hassan", AminaObjectId), null, None);
        Assert.Equal(ChangeOutcome.Changed, amina.Outcome);
        var fatima = await courses.AddParticipantAsync(Karen, _cohortId, amina.Current!.Cohort.Version, new ParticipantInput("Fatima Ali", null), null, None);
        Assert.Equal(ChangeOutcome.Changed, fatima.Outcome);
        _amina = fatima.Current!.Cohort.Participants.Single(p => p.Name == "Amina Hassan").Id;
        _fatima = fatima.Current!.Cohort.Participants.Single(p => p.Name == "Fatima Ali").Id;
        await _course.DeliverAllAsync();

        var (plan, planId) = await _course.SayAsync(Coordinator, "kursus");
        _planActivityId = planId;
        Assert.Contains("2 deltagere på holdet", Text(plan), StringComparison.Ordinal);
        // "Åbn ugen" on the third week's row, then the teacher and a note on that week's card.
        var week = await _course.ActAsync(Coordinator, CourseVerbs.OpenSession, RowAction(plan, CourseVerbs.OpenSession, "s03"), _planActivityId);
        var request = ActionData(week, CourseVerbs.RequestBooking);
        request[CourseVerbs.RowInput("teacher", "s03")] = Teacher.ObjectId;
        request[CourseVerbs.RowInput("note", "s03")] = "Holdet har talt om sundhed før.";
        _course.ClearLogs();
        week = await _course.ActAsync(Coordinator, CourseVerbs.RequestBooking, request, _planActivityId);

        Assert.Contains("Forespørgslen er sendt til underviseren.", Text(week), StringComparison.Ordinal);
        Assert.Contains("Afventer svar", Text(week), StringComparison.Ordinal);
        Assert.Contains("Lidia", Text(week), StringComparison.Ordinal);
        plan = await _course.ActAsync(Coordinator, CourseVerbs.OpenPlan, ActionData(week, CourseVerbs.OpenPlan), _planActivityId);
        var row = Rows(plan).Single(r => r.SessionId == "s03");
        Assert.Equal("Afventer svar", row.StateLabel);
        Assert.Contains("Underviser: Lidia", row.Texts, StringComparer.Ordinal);

        await _course.DeliverAllAsync();
        // One new card in her chat (the same round's refresh may update it in place again: nothing else).
        var sent = Assert.Single(_course.SentTo(Teacher), s => s.Method == "POST");
        Assert.All(_course.SentTo(Teacher), s => Assert.Equal(sent.ActivityId, s.ActivityId));
        var card = sent.Card!;
        Assert.Contains("Kan du undervise denne gang?", Text(card), StringComparison.Ordinal);
        Assert.Contains(CopenhagenDates.Date(_dates[2], "da"), Text(card), StringComparison.Ordinal);
        Assert.Contains(ThemeCatalogue.Default.Themes[2].Title.Da, Text(card), StringComparison.Ordinal);
        Assert.Contains("2 kvinder", Text(card), StringComparison.Ordinal);
        Assert.Contains("Holdet har talt om sundhed før.", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Fatima", Text(card), StringComparison.Ordinal);
        Assert.True(HasAction(card, CourseVerbs.Accept));
        _teachersCardId = sent.ActivityId!;
        _propose = ActionData(card, CourseVerbs.ProposeDate);
        _bookingId = (string)_propose["bookingId"]!;

        var booking = (await _course.Get<CourseStore>().FindBookingAsync(ProjectId, _cohortId, _bookingId, None))!.Booking;
        Assert.Equal((BookingState.Requested, Teacher.ObjectId, "s03", 2, Coordinator.ObjectId), (booking.State, booking.TeacherId, booking.SessionId, booking.GroupSize, booking.RequestedBy));
    }

    private async Task The_teacher_proposes_another_Monday_and_the_coordinator_takes_it_so_Outlook_gets_the_event()
    {
        // A Monday after the plan's last session: free, and no holiday.
        _proposedDate = _dates[^1].AddDays(7);
        var propose = _propose;
        propose["date"] = _proposedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        propose["otherWeekday"] = "false";
        _course.ClearLogs();
        var answered = await _course.ActAsync(Teacher, CourseVerbs.ProposeDate, propose, _teachersCardId);

        Assert.Contains("Tak for dit svar. Koordinatoren får besked.", Text(answered), StringComparison.Ordinal);
        Assert.Contains($"Du har foreslået {CopenhagenDates.Date(_proposedDate, "da")}. Koordinatoren svarer dig.", Text(answered), StringComparison.Ordinal);
        Assert.False(HasAction(answered, CourseVerbs.Accept));

        await _course.DeliverAllAsync();
        var proposal = Assert.Single(_course.SentTo(Coordinator), s => s.Method == "POST");
        Assert.Contains("Lidia kan ikke den planlagte dato og foreslår en anden.", Text(proposal.Card!), StringComparison.Ordinal);
        Assert.Contains(CopenhagenDates.Date(_dates[2], "da"), Text(proposal.Card!), StringComparison.Ordinal);
        Assert.Contains(CopenhagenDates.Date(_proposedDate, "da"), Text(proposal.Card!), StringComparison.Ordinal);
        var planUpdate = Assert.Single(_course.SentTo(Coordinator), s => s.Method == "PUT" && s.ActivityId == _planActivityId);
        Assert.Equal("Ny dato foreslået", Rows(planUpdate.Card!).Single(r => r.SessionId == "s03").StateLabel);
        _proposalCardId = proposal.ActivityId!;
        _acceptProposal = ActionData(proposal.Card!, CourseVerbs.AcceptProposal);

        _course.ClearLogs();
        var taken = await _course.ActAsync(Coordinator, CourseVerbs.AcceptProposal, _acceptProposal, _proposalCardId);

        Assert.Contains("Det er gemt.", Text(taken), StringComparison.Ordinal);
        Assert.Contains("Booket", Text(taken), StringComparison.Ordinal);
        Assert.False(HasAction(taken, CourseVerbs.AcceptProposal));
        var booking = (await _course.Get<CourseStore>().FindBookingAsync(ProjectId, _cohortId, _bookingId, None))!.Booking;
        Assert.Equal(BookingState.Confirmed, booking.State);
        Assert.Equal((_proposedDate, new TimeOnly(17, 0)), (CopenhagenTime.DateOf(booking.Start), TimeOnly.FromDateTime(CopenhagenTime.ToLocal(booking.Start).DateTime)));
        var cohort = (await _course.Get<CourseStore>().FindCohortAsync(ProjectId, _cohortId, None))!.Cohort;
        Assert.Equal(_proposedDate, cohort.Plan.Find("s03")!.Date);

        await _course.DeliverAllAsync();
        var created = Assert.Single(_course.Graph.Requests("POST", $"/v1.0/users/{Coordinator.ObjectId}/events"));
        var body = GraphStub.BodyOf(created);
        Assert.Equal($"{ThemeCatalogue.Default.Themes[2].Title.Da} – {CohortName}", (string?)body["subject"]);
        var day = _proposedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(($"{day}T17:00:00", "Romance Standard Time"), ((string?)body["start"]!["dateTime"], (string?)body["start"]!["timeZone"]));
        Assert.Equal($"{day}T19:30:00", (string?)body["end"]!["dateTime"]);
        Assert.Equal([TeacherMail], body["attendees"]!.AsArray().Select(a => (string?)a!["emailAddress"]!["address"]));
        Assert.Equal("Kvindecenteret, Vollsmose Allé 1", (string?)body["location"]!["displayName"]);
        var html = WebUtility.HtmlDecode((string?)body["body"]!["content"])!;
        Assert.Contains($"{CohortName}, 2 deltagere", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", html, StringComparison.Ordinal);
        Assert.Equal(EventId, (await _course.Get<BookingEventStore>().FindAsync(ProjectId, _cohortId, _bookingId, None))?.EventId);

        // Her card and the plan change in place; the card Karen pressed on already shows the answer.
        var teachers = Assert.Single(_course.SentTo(Teacher));
        Assert.Equal(("PUT", _teachersCardId), (teachers.Method, teachers.ActivityId));
        Assert.Contains("Du har sagt ja. Du får en invitation i Outlook fra koordinatoren.", Text(teachers.Card!), StringComparison.Ordinal);
        Assert.Contains("Bekræftet", Text(teachers.Card!), StringComparison.Ordinal);
        Assert.Contains(CopenhagenDates.Date(_proposedDate, "da"), Text(teachers.Card!), StringComparison.Ordinal);
        var coordinators = Assert.Single(_course.SentTo(Coordinator));
        Assert.Equal(("PUT", _planActivityId), (coordinators.Method, coordinators.ActivityId));
        var moved = Rows(coordinators.Card!).Single(r => r.SessionId == "s03");
        Assert.Equal((CopenhagenDates.Date(_proposedDate, "da"), "Booket"), (moved.DateText, moved.StateLabel));
    }

    private async Task A_second_press_on_take_the_new_date_is_applied_once()
    {
        var version = (await _course.Get<CourseStore>().FindBookingAsync(ProjectId, _cohortId, _bookingId, None))!.Booking.Version;
        _course.ClearLogs();

        var again = await _course.ActAsync(Coordinator, CourseVerbs.AcceptProposal, _acceptProposal, _proposalCardId);
        await _course.DeliverAllAsync();

        Assert.Contains("Booket", Text(again), StringComparison.Ordinal);
        Assert.DoesNotContain("En anden har lige ændret det", Text(again), StringComparison.Ordinal);
        Assert.Equal(version, (await _course.Get<CourseStore>().FindBookingAsync(ProjectId, _cohortId, _bookingId, None))!.Booking.Version);
        Assert.Empty(_course.Graph.Requests());
        Assert.Empty(_course.Sent());
    }

    private async Task After_the_course_she_records_attendance_so_one_woman_completes_and_the_other_does_not()
    {
        _course.Clock.SetUtcNow(new DateTimeOffset(_proposedDate.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await _course.DeliverAllAsync();
        var (plan, planId) = await _course.SayAsync(Coordinator, "kursus");
        var rows = Rows(plan);
        Assert.Equal(16, rows.Count);
        Assert.All(rows, r => Assert.Equal("Afholdt", r.StateLabel));

        // Amina misses 4 of the 16 (75 %: completed), Fatima 5 (under 75 %: not). Each session: "Åbn ugen" on its row,
        // "Fremmøde", the marks, "Gem fremmøde", then "Til kurset" back to the plan, all on the one card in her chat.
        int[] aminaAway = [1, 5, 9, 13];
        int[] fatimaAway = [0, 2, 4, 6, 8];
        for (var i = 0; i < rows.Count; i++)
        {
            var week = await _course.ActAsync(Coordinator, CourseVerbs.OpenSession, RowAction(plan, CourseVerbs.OpenSession, rows[i].SessionId!), planId);
            var sheet = await _course.ActAsync(Coordinator, CourseVerbs.OpenAttendance, ActionData(week, CourseVerbs.OpenAttendance), planId);
            Assert.Contains(rows[i].DateText, Text(sheet), StringComparison.Ordinal);
            Assert.Contains("Vælg for hver kvinde, om hun var der.", Text(sheet), StringComparison.Ordinal);
            Assert.Contains("Amina Hassan", Text(sheet), StringComparison.Ordinal);
            Assert.Contains("Fatima Ali", Text(sheet), StringComparison.Ordinal);
            var save = ActionData(sheet, CourseVerbs.SaveAttendance);
            save[CourseVerbs.MarkInput(_amina)] = (aminaAway.Contains(i) ? AttendanceMark.Absent : AttendanceMark.Present).ToString();
            save[CourseVerbs.MarkInput(_fatima)] = (fatimaAway.Contains(i) ? AttendanceMark.Absent : AttendanceMark.Present).ToString();

            var saved = await _course.ActAsync(Coordinator, CourseVerbs.SaveAttendance, save, planId);
            Assert.Contains("Fremmødet er gemt.", Text(saved), StringComparison.Ordinal);
            plan = await _course.ActAsync(Coordinator, CourseVerbs.OpenPlan, ActionData(saved, CourseVerbs.OpenPlan), planId);
        }

        var standing = await _course.Get<CourseCompletionService>().CompletionAsync(Karen, _cohortId, None);
        Assert.Equal(
            [new ParticipantCompletion(_amina, 12, 16, true), new ParticipantCompletion(_fatima, 11, 16, false)],
            standing.Participants);
        (_karensCard, _karensCardId) = (plan, planId);
    }

    private async Task She_issues_the_certificates_and_the_PDF_of_the_woman_who_completed_is_stored_in_SharePoint()
    {
        // "Beviser" on the plan.
        var card = await _course.ActAsync(Coordinator, CourseVerbs.OpenCertificates, ActionData(_karensCard, CourseVerbs.OpenCertificates), _karensCardId);
        Assert.Contains("Gennemført betyder mødt til mindst 75 % af de afholdte undervisningsgange.", Text(card), StringComparison.Ordinal);
        Assert.Contains("Mødt 12 af 16 gange", Text(card), StringComparison.Ordinal);
        Assert.Contains("Mødt 11 af 16 gange", Text(card), StringComparison.Ordinal);
        Assert.Contains("Ikke gennemført", Text(card), StringComparison.Ordinal);

        _course.ClearLogs();
        var issued = await _course.ActAsync(Coordinator, CourseVerbs.IssueCertificates, ActionData(card, CourseVerbs.IssueCertificates), _karensCardId);
        Assert.Contains("Beviserne bliver lavet og lagt i SharePoint. Linkene kommer på kortet, når de er klar.", Text(issued), StringComparison.Ordinal);

        await _course.DeliverAllAsync();
        var upload = Assert.Single(_course.Graph.Requests(), r => r.Method == "PUT");
        Assert.Equal($"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/{ProjectId}/Certifikater/{_cohortId}/bevis-{_cohortId}-{_amina}.pdf:/content", upload.AbsolutePath);
        Assert.Equal("%PDF"u8.ToArray(), upload.BodyAsBytes![..4]);
        var certificate = Assert.Single(await _course.Get<CertificateStore>().ListAsync(ProjectId, _cohortId, None));
        Assert.Equal((_amina, CertificateWebUrl, Coordinator.ObjectId, "Karen"), (certificate.ParticipantId, certificate.WebUrl, certificate.IssuedBy, certificate.SignedBy));

        // Her link appears on the card Karen pressed on, in place.
        var updated = Assert.Single(_course.SentTo(Coordinator), s => s.ActivityId == _karensCardId);
        Assert.Equal("PUT", updated.Method);
        Assert.Contains(CertificateWebUrl, Text(updated.Card!), StringComparison.Ordinal);
        Assert.Contains("Åbn bevis: Amina Hassan", Text(updated.Card!), StringComparison.Ordinal);
        _karensCard = updated.Card!;
    }

    private async Task She_makes_the_woman_who_completed_a_neighbourhood_mother()
    {
        // Only Amina completed and has an account: hers is the one button.
        var make = ActionData(_karensCard, CourseVerbs.MakeMother);
        Assert.Equal(_amina, (string?)make["participantId"]);
        Assert.Single(Walk(_karensCard), n => n is JsonObject o && (string?)o["verb"] == CourseVerbs.MakeMother);

        var made = await _course.ActAsync(Coordinator, CourseVerbs.MakeMother, make, _karensCardId);

        Assert.Contains("Hun er nu bydelsmor i projektet.", Text(made), StringComparison.Ordinal);
        Assert.False(HasAction(made, CourseVerbs.MakeMother));
        var member = await _course.Get<DirectoryStore>().FindMemberAsync(ProjectId, AminaObjectId, None);
        Assert.Equal((ProjectRole.NeighbourhoodMother, "Amina"), (member?.Role, member?.FirstName));
        Assert.Contains(
            new ProjectMembership(ProjectId, ProjectRole.NeighbourhoodMother, null),
            await _course.Get<ICallerDirectory>().MembershipsAsync(BotHost.TenantId, AminaObjectId, None));
    }

    /// <summary>
    /// Mondays from the first, passing over the public holidays a Monday course meets in spring (Easter Monday, Whit
    /// Monday, and 1 May or 5 June when they fall on a Monday): written out here rather than asked of the code under test.
    /// </summary>
    private static List<DateOnly> ExpectedMondays(DateOnly first, int count)
    {
        var easterMonday = EasterSunday(first.Year).AddDays(1);
        DateOnly[] holidays = [easterMonday, easterMonday.AddDays(49), new(first.Year, 5, 1), new(first.Year, 6, 5)];
        var dates = new List<DateOnly>();
        for (var date = first; dates.Count < count; date = date.AddDays(7))
        {
            if (!holidays.Contains(date))
            {
                dates.Add(date);
            }
        }

        return dates;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    private static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The plan's session rows as shown: the date, the theme and teacher lines, and the state badge.</summary>
    private static List<PlanRow> Rows(JsonObject plan) =>
        [.. Walk(plan).OfType<JsonObject>()
            .Where(o => (string?)o["type"] == "Container" && o["items"] is JsonArray { Count: > 0 } items && (string?)items[0]!["type"] == "ColumnSet")
            .Select(o =>
            {
                var columns = o["items"]![0]!["columns"]!.AsArray();
                var texts = columns[0]!["items"]!.AsArray().Select(t => (string)t!["text"]!).ToList();
                var sessionId = Walk(o).OfType<JsonObject>().Where(a => (string?)a["type"] == "Action.Execute")
                    .Select(a => (string?)a["data"]?["sessionId"]).FirstOrDefault(s => s is not null);
                return new PlanRow(sessionId, texts[0], texts, (string)columns[^1]!["items"]![0]!["text"]!);
            })];

    /// <summary>The data of a plan row's button (one card holds every row: the row is told by its session id).</summary>
    private static JsonObject RowAction(JsonObject plan, string verb, string sessionId) =>
        Walk(plan).OfType<JsonObject>()
            .Where(o => (string?)o["type"] == "Action.Execute" && (string?)o["verb"] == verb && (string?)o["data"]?["sessionId"] == sessionId)
            .Select(o => o["data"]!.DeepClone().AsObject())
            .Single();

    private sealed record PlanRow(string? SessionId, string DateText, IReadOnlyList<string> Texts, string StateLabel);
}
