using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Course;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Course;

/// <summary>A teacher's erasure on request against Azurite: the text on her bookings goes, the bookings stay as they were.</summary>
public sealed class BookingSubjectEraserTests : IClassFixture<AzuriteFixture>
{
    private const string Coordinator = "c0a1b2c3-0000-4000-8000-0000000000c1";
    private const string Teacher = "7e0a1b2c-0000-4000-8000-0000000000e1";
    private const string OtherTeacher = "7e0a1b2c-0000-4000-8000-0000000000e2";

    [Fact]
    public async Task Her_bookings_lose_the_note_and_her_decline_reason_and_keep_state_times_and_staffing()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var store = new CourseStore(tables, new TeacherSlots(tables, TimeProvider.System), new AuditLog(tables, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System);
        var project = "pe" + UniqueIds.Next(8);
        var declined = await DeclinedAsync(store, Booking(project, "b1", Teacher) with { Note = "Kære Hanne, tag gerne billeder med." }, "Hanne er syg den uge.");
        var untouched = await RequestAsync(store, Booking(project, "b2", OtherTeacher) with { Note = "Til Mette." });
        var eraser = new BookingSubjectEraser(store);
        var request = new ErasureRequest(new DirectoryPerson(project, Teacher), new Actor(Coordinator, project, ProjectRole.Coordinator, null), "tenant", "W/\"x\"");

        var erased = await eraser.EraseAsync(request, CancellationToken.None);

        Assert.Equal([new ErasedCount(BookingSubjectEraser.BookingTextKind, 1)], erased);
        var after = (await store.FindBookingAsync(project, "hold-1", "b1", CancellationToken.None))!.Booking;
        Assert.Null(after.Note);
        Assert.Null(after.DeclineReason);
        Assert.Equal((declined.State, declined.Start, declined.End, declined.TeacherId, declined.DecidedVersion), (after.State, after.Start, after.End, after.TeacherId, after.DecidedVersion));
        // A new version, but bookkeeping: a change she makes from the version before still counts as current.
        Assert.True(after.IsCurrentFor(declined.Version));
        Assert.Equal("Til Mette.", (await store.FindBookingAsync(project, "hold-1", "b2", CancellationToken.None))!.Booking.Note);
        Assert.Equal(untouched.Version, (await store.FindBookingAsync(project, "hold-1", "b2", CancellationToken.None))!.Booking.Version);

        // Sent again: nothing left, nothing written.
        Assert.Empty(await eraser.EraseAsync(request, CancellationToken.None));
        Assert.Equal(after.Version, (await store.FindBookingAsync(project, "hold-1", "b1", CancellationToken.None))!.Booking.Version);
        // About a woman, it has nothing to do.
        Assert.Empty(await eraser.EraseAsync(request with { Subject = new ReferredWoman(project, "r1") }, CancellationToken.None));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_booking_changed_meanwhile_is_read_again_as_the_sessions_eraser_does_and_one_that_keeps_changing_is_left_for_the_repeat(int races)
    {
        var prefix = AzuriteFixture.NewPrefix();
        var racer = await StoreAsync(prefix, null);
        var project = "pe" + UniqueIds.Next(8);
        var race = new RaceBeforeTransactions(racer.Table(TableNames.Main), project, CourseStore.BookingKey("hold-1", "b1"));
        var policies = new StorageClientPolicies();
        policies.PerCall.Add(race);
        var tables = await StoreAsync(prefix, policies);
        var store = new CourseStore(tables, new TeacherSlots(tables, TimeProvider.System), new AuditLog(tables, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System);
        await RequestAsync(store, Booking(project, "b1", Teacher) with { Note = "Kære Hanne." });
        var request = new ErasureRequest(new DirectoryPerson(project, Teacher), new Actor(Coordinator, project, ProjectRole.Coordinator, null), "tenant", "W/\"x\"");

        // Someone else's change lands just before each of the eraser's first writes.
        race.Arm(races);
        var erasing = new BookingSubjectEraser(store).EraseAsync(request, CancellationToken.None);

        var note = async () => (await store.FindBookingAsync(project, "hold-1", "b1", CancellationToken.None))!.Booking.Note;
        if (races < ErasureRetry.Attempts)
        {
            Assert.Equal([new ErasedCount(BookingSubjectEraser.BookingTextKind, 1)], await erasing);
            Assert.Null(await note());
        }
        else
        {
            await Assert.ThrowsAsync<SubjectChangedException>(() => erasing);
            Assert.Equal("Kære Hanne.", await note());
        }
    }

    private static async Task<TableStore> StoreAsync(string prefix, StorageClientPolicies? policies)
    {
        var store = new TableStore(Options.Create(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, TablePrefix = prefix }), policies);
        await store.EnsureTablesAsync(CancellationToken.None);
        return store;
    }

    private static TeacherBooking Booking(string project, string id, string teacher) =>
        new(id, project, "hold-1", "s01", teacher, new DateTimeOffset(2030, 1, 8, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 8, 18, 0, 0, TimeSpan.Zero), BookingState.Requested, DateTimeOffset.UtcNow, 1) { GroupSize = 2 };

    private static async Task<TeacherBooking> RequestAsync(CourseStore store, TeacherBooking booking)
    {
        var written = await store.RequestBookingAsync(booking, Change(Coordinator, booking, "Request"), [], CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        return (await store.FindBookingAsync(booking.ProjectId, booking.CohortId, booking.Id, CancellationToken.None))!.Booking;
    }

    private static async Task<TeacherBooking> DeclinedAsync(CourseStore store, TeacherBooking booking, string reason)
    {
        await RequestAsync(store, booking);
        var stored = (await store.FindBookingAsync(booking.ProjectId, booking.CohortId, booking.Id, CancellationToken.None))!;
        var declined = stored.Booking with { State = BookingState.Declined, DeclineReason = reason, Version = 2, DecidedVersion = 2 };
        Assert.Equal(ChangeOutcome.Changed, (await store.ChangeBookingAsync(stored, declined, Change(booking.TeacherId, declined, "Decline"), [], CancellationToken.None)).Outcome);
        return declined;
    }

    private static CourseChange Change(string actor, TeacherBooking booking, string action) =>
        CourseChanges.Change(actor, CourseStore.BookingRecord, booking.Id, booking.Version, action, new { booking.Id, action });

    /// <summary>Before each of the next N entity-group transactions, another writer touches the row (its ETag moves, its data stays).</summary>
    private sealed class RaceBeforeTransactions(TableClient racer, string partitionKey, string rowKey) : HttpPipelinePolicy
    {
        private int _armed;

        public void Arm(int times) => Volatile.Write(ref _armed, times);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The course store calls storage asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Decrement(ref _armed) >= 0)
            {
                await racer.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["RacedAt"] = DateTimeOffset.UtcNow }, ETag.All, TableUpdateMode.Merge);
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
