using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Course;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Cards.Holders;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The course's cards are kept in holders rows (<see cref="HoldersRow"/>): a cohort is created with one for its plan's
/// cards and one for its certificates cards, a booking with one for its cards, each in the record's own transaction, and
/// every card of the record is read by one point read, also when cards were sent at once on two instances. A cohort or
/// booking made before the rows existed (none, or one a later card made by a merge) is read by the prefix range, and no
/// card is left out. Two instances are two stores with memories of their own on the same tables.
/// </summary>
public sealed class CourseCardHoldersTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ProjectId = "vollsmose";
    private const string CohortId = "hold-1";
    private const string BookingId = "b-1";
    private const string Coordinator = "c0a1b2c3-0000-4000-8000-0000000000c1";
    private const string Teacher = "7e0a1b2c-0000-4000-8000-0000000000e1";
    private static readonly CardLocation CoordinatorCard = new(Coordinator, "29:coordinator", "https://smba.example/", "a:coordinator", "card-c");
    private static readonly CardLocation TeacherCard = new(Teacher, "29:teacher", "https://smba.example/", "a:teacher", "card-t");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly MainTableReads _reads = new();
    private TableStore _tables = null!;
    private CourseStore _store = null!;

    public void Dispose() => _reads.Dispose();

    private static CardRecord Plan => CourseCards.Plan(CohortId);

    private static CardRecord Certificates => CourseCards.Certificates(CohortId);

    private static CardRecord Booking => CourseCards.Booking(CohortId, BookingId);

    [Fact]
    public async Task A_cohort_is_created_with_its_plans_and_certificates_holders_rows_and_a_booking_with_its_own()
    {
        await NewTablesAsync();
        await CreateCohortAsync(NewCohort([]), []);
        await RequestBookingAsync();

        foreach (var (record, key) in new[]
        {
            (Plan, $"card-holders|course-plan|{CohortId}"),
            (Certificates, $"card-holders|course-certificates|{CohortId}"),
            (Booking, $"card-holders|course-booking|{CohortId}.{BookingId}"),
        })
        {
            var row = await _tables.Table(TableNames.Main).GetEntityAsync<TableEntity>(ProjectId, CourseCards.HoldersRowKey(record));
            Assert.Equal(key, row.Value.RowKey);
            // Complete and empty: no card is sent before its record exists.
            Assert.Equal([], HoldersRow.LocationsIn(row.Value));

            _reads.Clear();
            Assert.Empty(await NewInstance().ForAsync(ProjectId, record.Kind, record.Id, CancellationToken.None));
            Assert.Equal(["point-read"], Reads);
        }
    }

    [Fact]
    public async Task Her_answer_on_her_booking_card_records_her_card_in_the_bookings_holders_row_in_the_answers_transaction()
    {
        await NewTablesAsync();
        await CreateCohortAsync(NewCohort([]), []);
        var requested = await RequestBookingAsync();
        var here = NewInstance();

        // As CourseBookingService does: her card's location and its property in the holders row, with the change.
        var declined = requested.Booking with { State = BookingState.Declined, Version = requested.Booking.Version + 1 };
        var written = await _store.ChangeBookingAsync(requested, declined, Change(Teacher, "decline"), [], here.Upserts(ProjectId, Booking.Kind, Booking.Id, TeacherCard), CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);

        _reads.Clear();
        var shown = await NewInstance().ForAsync(ProjectId, Booking.Kind, Booking.Id, CancellationToken.None);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal([TeacherCard], shown);
        Assert.Equal(await LocationRowsAsync(Booking), shown);
    }

    [Fact]
    public async Task Cards_sent_at_once_on_two_instances_are_all_in_each_records_holders_row_read_by_one_point_read()
    {
        await NewTablesAsync();
        var one = NewInstance();
        var two = NewInstance();
        await CreateCohortAsync(NewCohort([]), []);
        await RequestBookingAsync();

        foreach (var record in new[] { Plan, Certificates, Booking })
        {
            await MainTableReads.SendAtOnceOnTwoInstancesAsync(one, two, ProjectId, record.Kind, record.Id);

            _reads.Clear();
            var shown = await NewInstance().ForAsync(ProjectId, record.Kind, record.Id, CancellationToken.None);
            var audience = await NewInstance().AudienceAsync(ProjectId, record.Kind, record.Id, CancellationToken.None);

            Assert.Equal(["point-read", "point-read"], Reads);
            Assert.Equal(await LocationRowsAsync(record), shown);
            Assert.Equal(12, shown.Count);
            Assert.Equal(shown.Select(l => l.UserId), audience);
        }
    }

    [Fact]
    public async Task An_older_cohort_and_booking_without_complete_holders_rows_have_every_card_read_by_the_prefix_range()
    {
        await NewTablesAsync();
        var here = NewInstance();
        await CreateCohortAsync(NewCohort([]), []);
        await RequestBookingAsync();
        foreach (var record in new[] { Plan, Certificates, Booking })
        {
            // Created before the holders rows were kept: none; the first card sent makes one by merging, without "Complete".
            await _tables.Table(TableNames.Main).DeleteEntityAsync(ProjectId, CourseCards.HoldersRowKey(record));
            _reads.Clear();
            Assert.Empty(await NewInstance().ForAsync(ProjectId, record.Kind, record.Id, CancellationToken.None));
            Assert.Equal(["point-read", "query"], Reads);

            await here.SaveAsync(ProjectId, record.Kind, record.Id, CoordinatorCard, CancellationToken.None);
            await here.SaveAsync(ProjectId, record.Kind, record.Id, TeacherCard, CancellationToken.None);
            // A card recorded before the row was kept: only its location row has it, which the merged row cannot know.
            await _tables.Table(TableNames.Main).UpsertEntityAsync(
                new TableEntity(ProjectId, CardLocationStore.RowKey(record.Kind, record.Id, "aad-before"))
                {
                    ["UserId"] = "29:before",
                    ["ServiceUrl"] = "https://smba.example/",
                    ["ConversationId"] = "a:before",
                    ["ActivityId"] = "card-b",
                    ["Language"] = "da",
                });

            _reads.Clear();
            var shown = await NewInstance().ForAsync(ProjectId, record.Kind, record.Id, CancellationToken.None);

            Assert.Equal(["point-read", "query"], Reads);
            Assert.Equal(await LocationRowsAsync(record), shown);
            Assert.Equal([Teacher, "aad-before", Coordinator], shown.Select(l => l.ObjectId).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_largest_cohort_creation_keeps_its_holders_rows_within_one_transaction()
    {
        await NewTablesAsync();
        // Every participant the form allows with an account (an index row each) and a certificate's outbox row each, as
        // the demo's creation carries: 2 + 40 + 40 + the two holders rows = 84 of the transaction's 100 operations.
        var participants = Enumerable.Range(1, CourseService.MaxParticipants)
            .Select(n => new CourseParticipant("p" + n.ToString("00", CultureInfo.InvariantCulture), "Deltager " + n, $"0b7e{n:D4}-0000-4000-8000-000000000000"))
            .ToList();
        var outbox = new OutboxWriter(new UlidGenerator(_time), _time);
        var certificates = participants.Select(p => outbox.Create(ProjectId, CourseNotifications.Certificate(CohortId, p.Id, Coordinator))).ToList();

        await CreateCohortAsync(NewCohort(participants), certificates);

        foreach (var record in new[] { Plan, Certificates })
        {
            var row = await _tables.Table(TableNames.Main).GetEntityAsync<TableEntity>(ProjectId, CourseCards.HoldersRowKey(record));
            Assert.Equal([], HoldersRow.LocationsIn(row.Value));
        }
    }

    private async Task NewTablesAsync()
    {
        _reads.Tables = _tables = await AzuriteFixture.NewStoreAsync();
        _store = new CourseStore(_tables, new TeacherSlots(_tables, _time), new AuditLog(_tables, _time, NullLogger<AuditLog>.Instance), _time);
    }

    private async Task CreateCohortAsync(Cohort cohort, IEnumerable<OutboxEntry> outbox)
    {
        var written = await _store.CreateCohortAsync(cohort, Change(Coordinator, "create"), outbox, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
    }

    private async Task<StoredBooking> RequestBookingAsync()
    {
        var plan = NewCohort([]).Plan;
        var (start, end) = plan.TimesOf(plan.Find("s01")!)!.Value;
        var booking = new TeacherBooking(BookingId, ProjectId, CohortId, "s01", Teacher, start, end, BookingState.Requested, _time.GetUtcNow(), 1) { GroupSize = 0 };
        var written = await _store.RequestBookingAsync(booking, Change(Coordinator, "request"), [], CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        return (await _store.FindBookingAsync(ProjectId, CohortId, BookingId, CancellationToken.None))!;
    }

    private static Cohort NewCohort(IReadOnlyList<CourseParticipant> participants) => new(
        CohortId,
        ProjectId,
        new CoursePlan(
            "Hold 1", DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(19, 0), "Kvindecenteret",
            [
                new CourseSession("s01", new DateOnly(2030, 1, 8), "concept", false, CourseSessionState.Planned),
                new CourseSession("s02", new DateOnly(2030, 1, 15), "health", false, CourseSessionState.Planned),
            ],
            []),
        participants,
        1);

    private static CourseChange Change(string actor, string action) =>
        new(actor, action, ChangeFingerprint.Of(actor, CohortId, "1", action, new { action }));

    private Task<List<CardLocation>> LocationRowsAsync(CardRecord record) => _reads.LocationRowsAsync(ProjectId, record.Kind, record.Id);

    private string[] Reads => _reads.Reads;

    /// <summary>One instance's card locations on the shared tables, with a memory of its own; the course's kinds keep a holders row.</summary>
    private CardLocationStore NewInstance() =>
        new(_tables, ReadCaches.Of(30, _time),
            [new CardHolderRows(CardKind.CoursePlan), new CardHolderRows(CardKind.CourseCertificates), new CardHolderRows(CardKind.CourseBooking)]);
}
