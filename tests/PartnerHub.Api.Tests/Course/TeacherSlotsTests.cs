using PartnerHub.Api.Course;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Tests.Course;

/// <summary>A teacher's slots under contention: every claim is held or refused as "try again", never a stray 409.</summary>
public sealed class TeacherSlotsTests : IClassFixture<AzuriteFixture>
{
    private const string Teacher = "7c1e0d2a-0000-4000-8000-00000000d001";

    private static readonly DateTimeOffset Monday = new(2031, 3, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Twenty claims of one teacher's separate times at once, on two instances, race for her guard row: each one either
    /// holds its slot or, its retries spent, fails as contention (a "try again" card or REST 503) having written nothing.
    /// </summary>
    [Fact]
    public async Task Claims_racing_for_one_teacher_on_two_instances_are_held_or_fail_as_try_again()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        TeacherSlots[] instances = [new(store, TimeProvider.System), new(store, TimeProvider.System)];
        var bookings = Weekly(20);

        var outcomes = await Task.WhenAll(bookings.Select(async (booking, i) =>
        {
            try
            {
                return (booking.Id, Claim: (SlotClaim?)await instances[i % 2].ClaimAsync(booking, "coordinator", (_, _) => Task.FromResult(true), CancellationToken.None), Fault: (Exception?)null);
            }
            catch (Exception e)
            {
                return (booking.Id, Claim: null, Fault: e);
            }
        }));

        Assert.All(outcomes, outcome => Assert.True(
            outcome.Claim == SlotClaim.Claimed || (outcome.Fault is not null && StorageFaults.IsUnavailable(outcome.Fault, CancellationToken.None)),
            $"{outcome.Id}: {outcome.Claim?.ToString() ?? outcome.Fault?.GetType().Name + " " + outcome.Fault?.Message}"));
        var held = (await instances[0].ConfirmedAsync(Teacher, CancellationToken.None)).Select(slot => slot.BookingId).Order(StringComparer.Ordinal);
        Assert.Equal(outcomes.Where(outcome => outcome.Claim == SlotClaim.Claimed).Select(outcome => outcome.Id).Order(StringComparer.Ordinal), held);
    }

    /// <summary>
    /// On one instance her claims take turns, each built from the guard the one before it remembered: all twenty hold,
    /// with one read of her partition and one transaction each (racing, the losers added failed transactions and re-reads).
    /// </summary>
    [Fact]
    public async Task Claims_of_one_teacher_at_once_on_one_instance_never_race_each_other()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var slots = new TeacherSlots(store, TimeProvider.System);
        var bookings = Weekly(20);
        using var calls = new StorageCalls(store.Table(TableNames.Main).Name[..^TableNames.Main.Length]);

        SlotClaim[] outcomes = [];
        var made = await calls.CountAsync(async () =>
            outcomes = await Task.WhenAll(bookings.Select(booking => slots.ClaimAsync(booking, "coordinator", (_, _) => Task.FromResult(true), CancellationToken.None))));

        Assert.All(outcomes, outcome => Assert.Equal(SlotClaim.Claimed, outcome));
        Assert.Equal(20, (await slots.ConfirmedAsync(Teacher, CancellationToken.None)).Count);
        Assert.Equal(1, made.Count(call => call == TableNames.Main + " query"));
        Assert.Equal(20, made.Count(call => call == "$batch batch"));
    }

    private static List<TeacherBooking> Weekly(int weeks) => [.. Enumerable.Range(0, weeks)
        .Select(i => new TeacherBooking($"b{i:00}", "projekt-1", "hold-1", $"s{i:00}", Teacher, Monday.AddDays(7 * i), Monday.AddDays(7 * i).AddHours(3), BookingState.Requested, Monday, 1))];
}
