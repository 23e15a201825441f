using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Storage;

/// <summary>A list page's point reads: several at once, never more than the bound, results in the keys' order.</summary>
public sealed class KeyedReadsTests
{
    // Only a guard against a hang if reads were ever made one at a time again; no test asserts how long anything takes.
    private static readonly TimeSpan Deadlock = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reads_run_together_up_to_the_bound_and_the_results_keep_the_keys_order_whatever_order_they_finish_in()
    {
        const int bound = 4;
        var keys = Enumerable.Range(0, 10).Select(i => "id" + i).ToList();
        var inFlight = 0;
        var maxInFlight = 0;
        var firstWave = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var results = await KeyedReads.InOrderAsync(keys, async (key, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (Interlocked.Increment(ref started) == bound)
            {
                firstWave.TrySetResult();
            }

            // The first reads wait until a whole wave is in flight: read one at a time, they would never get there.
            await firstWave.Task.WaitAsync(Deadlock, token);
            // Later keys finish first, so the order of the results cannot come from the order of completion.
            await Task.Delay(TimeSpan.FromMilliseconds(10 - int.Parse(key[2..], System.Globalization.CultureInfo.InvariantCulture)), token);
            Interlocked.Decrement(ref inFlight);
            return key.ToUpperInvariant();
        }, CancellationToken.None, bound);

        Assert.Equal(keys.Select(k => k.ToUpperInvariant()), results);
        Assert.Equal(bound, maxInFlight);
    }

    [Fact]
    public async Task Missing_rows_stay_in_their_place_as_null()
    {
        var results = await KeyedReads.InOrderAsync<string, string?>(["a", "gone", "c"], (key, _) => Task.FromResult(key == "gone" ? null : key), CancellationToken.None);

        Assert.Equal(["a", null, "c"], results);
    }

    [Fact]
    public async Task No_keys_read_nothing()
    {
        var results = await KeyedReads.InOrderAsync<string, string>([], (_, _) => throw new InvalidOperationException("no read expected"), CancellationToken.None);

        Assert.Empty(results);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
