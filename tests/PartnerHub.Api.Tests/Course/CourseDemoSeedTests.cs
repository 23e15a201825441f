using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Tests.Course;

/// <summary>The demo's course in Vollsmose, seeded into Azurite through the real rules, on any day of the year.</summary>
public sealed class CourseDemoSeedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<(CourseStore Courses, CourseSettingsStore Settings, CourseDemoSeed Seed, TableStore Tables)> NewAsync(DateTimeOffset now)
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var time = new FakeTimeProvider(now);
        var courses = new CourseStore(tables, new TeacherSlots(tables, time), new AuditLog(tables, time, NullLogger<AuditLog>.Instance), time);
        var settings = new CourseSettingsStore(tables, time);
        return (courses, settings, new CourseDemoSeed(courses, settings, new OutboxWriter(new UlidGenerator(time), time)), tables);
    }

    [Fact]
    public async Task The_running_cohort_has_a_full_plan_attendance_for_held_sessions_and_bookings_in_every_state()
    {
        _ = azurite;
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var (courses, _, seed, _) = await NewAsync(now);

        await seed.SeedAsync(now, None);

        var cohort = (await courses.FindCohortAsync(DemoData.Vollsmose.Id, CourseDemoSeed.RunningCohortId, None))!.Cohort;
        Assert.Equal(18, cohort.Plan.Counting.Count());
        Assert.Contains(cohort.Plan.Skipped, s => s.SchoolHoliday == SchoolHolidayKind.Christmas);
        var bookings = await courses.BookingsAsync(DemoData.Vollsmose.Id, cohort.Id, None);
        Assert.Equal(Enum.GetValues<BookingState>().ToHashSet(), bookings.Select(b => b.Booking.State).ToHashSet());
        var held = cohort.Plan.Counting.Where(s => s.Date < CopenhagenTime.DateOf(now)).Select(s => s.Id).ToHashSet();
        var register = (await courses.AttendanceAsync(DemoData.Vollsmose.Id, cohort.Id, None)).Register;
        Assert.Equal(held, register.Entries.Select(e => e.SessionId).ToHashSet());
        Assert.Equal(held.Count * cohort.Participants.Count, register.Entries.Count);
    }

    [Fact]
    public async Task The_finished_cohort_has_two_who_completed_and_one_certificate_on_its_way()
    {
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var (courses, _, seed, tables) = await NewAsync(now);

        await seed.SeedAsync(now, None);

        var cohort = (await courses.FindCohortAsync(DemoData.Vollsmose.Id, CourseDemoSeed.FinishedCohortId, None))!.Cohort;
        var register = (await courses.AttendanceAsync(DemoData.Vollsmose.Id, cohort.Id, None)).Register;
        var completed = Completion.Completed(cohort.Participants, cohort.Plan, register, CompletionRule.Default, CopenhagenTime.DateOf(now));
        Assert.Equal(["Amina", "Samira"], completed.Select(p => p.Name));
        var outbox = (await TableRows.AllAsync(tables.Table(TableNames.Main))).Where(r => r.PartitionKey == DemoData.Vollsmose.Id && r.RowKey.StartsWith(OutboxKeys.Prefix, StringComparison.Ordinal));
        var certificate = Assert.Single(outbox, r => r.GetString(OutboxKeys.Kind) == CourseNotifications.IssueCertificate);
        var payload = CourseNotifications.Read(certificate.GetString(OutboxKeys.Payload)!);
        Assert.Equal((cohort.Id, "p01"), (payload.CohortId, payload.ParticipantId));
    }

    [Fact]
    public async Task Every_seeded_cohort_and_booking_has_its_cards_holders_rows_complete()
    {
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var (courses, _, seed, tables) = await NewAsync(now);

        await seed.SeedAsync(now, None);

        // Made through the store like any cohort and booking, so their cards are read by one point read too.
        var records = new List<CardRecord>();
        foreach (var cohortId in new[] { CourseDemoSeed.FinishedCohortId, CourseDemoSeed.RunningCohortId })
        {
            records.Add(CourseCards.Plan(cohortId));
            records.Add(CourseCards.Certificates(cohortId));
            records.AddRange((await courses.BookingsAsync(DemoData.Vollsmose.Id, cohortId, None)).Select(b => CourseCards.Booking(cohortId, b.Booking.Id)));
        }

        Assert.Equal(12, records.Count);
        foreach (var record in records)
        {
            var row = await tables.Table(TableNames.Main).GetEntityIfExistsAsync<TableEntity>(DemoData.Vollsmose.Id, CourseCards.HoldersRowKey(record));
            Assert.True(row.HasValue, record.ToString());
            Assert.Equal([], HoldersRow.LocationsIn(row.Value));
        }
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var (courses, _, seed, _) = await NewAsync(now);

        Assert.Equal(3, await seed.SeedAsync(now, None));
        Assert.Equal(0, await seed.SeedAsync(now.AddHours(1), None));
        Assert.Equal(8, (await courses.BookingsAsync(DemoData.Vollsmose.Id, CourseDemoSeed.RunningCohortId, None)).Count);
    }

    // The demo starts on whatever day someone runs it: holidays, Easter, summer and the clocks changing must not break it.
    [Theory]
    [InlineData("2027-03-29T08:00:00Z")]
    [InlineData("2027-05-06T08:00:00Z")]
    [InlineData("2027-07-20T08:00:00Z")]
    [InlineData("2027-10-31T02:30:00Z")]
    [InlineData("2028-02-29T12:00:00Z")]
    public async Task The_seed_goes_through_the_rules_on_any_day(string at)
    {
        var now = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        var (courses, _, seed, _) = await NewAsync(now);

        await seed.SeedAsync(now, None);

        var bookings = await courses.BookingsAsync(DemoData.Vollsmose.Id, CourseDemoSeed.RunningCohortId, None);
        Assert.Equal(Enum.GetValues<BookingState>().Length, bookings.Select(b => b.Booking.State).Distinct().Count());
    }
}
