using PartnerHub.Api.Course;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Tests.Course;

/// <summary>A teacher's slots under contention: every claim is held or refused as "try again", never a stray 409.</summary>
public sealed class TeacherSlotsTests : IClassFixture<AzuriteFixture>
{
    private const string Teacher = "7c1e0d2a-0000-4000-8000-00000000d001";

    /// <summary>
    /// Twenty claims of one teacher's separate times at once race for her guard row: each one either holds its slot or,
    /// its retries spent, fails as contention (a "try again" card or REST 503) having written nothing.
    /// </summary>
    [Fact]
    public async Task Claims_racing_for_one_teacher_are_held_or_fail_as_try_again()
    {
        var slots = new TeacherSlots(await AzuriteFixture.NewStoreAsync(), TimeProvider.System);
        var monday = new DateTimeOffset(2031, 3, 3, 8, 0, 0, TimeSpan.Zero);
        var bookings = Enumerable.Range(0, 20)
            .Select(i => new TeacherBooking($"b{i:00}", "projekt-1", "hold-1", $"s{i:00}", Teacher, monday.AddDays(7 * i), monday.AddDays(7 * i).AddHours(3), BookingState.Requested, monday, 1))
            .ToList();

        var outcomes = await Task.WhenAll(bookings.Select(async booking =>
        {
            try
            {
                return (booking.Id, Claim: (SlotClaim?)await slots.ClaimAsync(booking, "coordinator", (_, _) => Task.FromResult(true), CancellationToken.None), Fault: (Exception?)null);
            }
            catch (Exception e)
            {
                return (booking.Id, Claim: null, Fault: e);
            }
        }));

        Assert.All(outcomes, outcome => Assert.True(
            outcome.Claim == SlotClaim.Claimed || (outcome.Fault is not null && StorageFaults.IsUnavailable(outcome.Fault, CancellationToken.None)),
            $"{outcome.Id}: {outcome.Claim?.ToString() ?? outcome.Fault?.GetType().Name + " " + outcome.Fault?.Message}"));
        var held = (await slots.ConfirmedAsync(Teacher, CancellationToken.None)).Select(slot => slot.BookingId).Order(StringComparer.Ordinal);
        Assert.Equal(outcomes.Where(outcome => outcome.Claim == SlotClaim.Claimed).Select(outcome => outcome.Id).Order(StringComparer.Ordinal), held);
    }
}
