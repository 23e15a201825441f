using System.Collections.Concurrent;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Storage;

public class SizeBoundTests
{
    [Fact]
    public void A_map_below_its_bound_is_never_full()
    {
        var bound = new SizeBound(100);
        var map = new ConcurrentDictionary<int, int>();
        for (var i = 0; i < 99; i++)
        {
            map[i] = i;
        }

        Assert.DoesNotContain(true, Enumerable.Range(0, 10 * SizeBound.Every).Select(_ => bound.IsFull(map)));
    }

    [Fact]
    public void A_map_that_grows_past_its_bound_is_found_full_within_one_round_of_looks()
    {
        const int max = 100;
        var bound = new SizeBound(max);
        var map = new ConcurrentDictionary<int, int>();
        var largest = 0;
        var starts = 0;
        for (var i = 0; i < 10 * max; i++)
        {
            if (bound.IsFull(map))
            {
                map.Clear();
                starts++;
            }

            map[i] = i;
            largest = Math.Max(largest, map.Count);
        }

        // It started again, and never held more than the bound and one round of additions between looks.
        Assert.True(starts > 0);
        Assert.InRange(largest, max, max + SizeBound.Every);
    }
}
