using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Tests.Storage.Outbox;

public class UlidGeneratorTests
{
    [Fact]
    public void A_ulid_is_26_characters_of_Crockford_base32_carrying_its_millisecond()
    {
        var time = TestClock.New();
        var ulid = new UlidGenerator(time).NewUlid();

        Assert.Equal(26, ulid.Length);
        Assert.All(ulid, c => Assert.Contains(c, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"));
        Assert.True(UlidGenerator.IsValid(ulid));
        Assert.Equal(time.GetUtcNow(), UlidGenerator.GetTimestamp(ulid));
    }

    [Fact]
    public void Ulids_sort_by_time_as_ordinal_strings()
    {
        var time = TestClock.New();
        var generator = new UlidGenerator(time);
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(generator.NewUlid());
            time.Advance(TimeSpan.FromMilliseconds(i % 3 == 0 ? 1 : 997));
        }

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        // A fresh generator (another process) a millisecond later still sorts after.
        Assert.True(string.CompareOrdinal(new UlidGenerator(time).NewUlid(), ids[^1]) > 0);
    }

    [Fact]
    public void Within_one_millisecond_ulids_strictly_increase()
    {
        var generator = new UlidGenerator(TestClock.New());
        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.NewUlid()).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"{ids[i - 1]} !< {ids[i]}");
        }

        Assert.Single(ids.Select(UlidGenerator.GetTimestamp).Distinct());
    }

    [Fact]
    public async Task Concurrent_callers_get_distinct_increasing_ids()
    {
        var generator = new UlidGenerator(TestClock.New());
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 2_000).Select(_ => generator.NewUlid()).ToList())));

        Assert.Equal(8_000, batches.SelectMany(batch => batch).Distinct().Count());
        Assert.All(batches, batch => Assert.Equal(batch, batch.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_clock_that_steps_back_never_makes_ids_go_back()
    {
        var time = new SettableClock { Now = TestClock.New().GetUtcNow() };
        var generator = new UlidGenerator(time);
        var before = generator.NewUlid();
        time.Now -= TimeSpan.FromSeconds(5);

        var after = generator.NewUlid();

        Assert.True(string.CompareOrdinal(before, after) < 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAVV")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU")]
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("01arz3ndektsv4rrffq69g5fav")]
    public void Malformed_ulids_are_rejected(string? value) => Assert.False(UlidGenerator.IsValid(value));

    [Fact]
    public void The_spec_example_decodes() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1469918176385), UlidGenerator.GetTimestamp("01ARYZ6S41TSV4RRFFQ69G5FAV"));

    [Fact]
    public void With_the_system_clock_ids_still_increase()
    {
        var generator = new UlidGenerator(TimeProvider.System);
        var first = generator.NewUlid();
        Assert.True(string.CompareOrdinal(first, generator.NewUlid()) < 0);
    }

    /// <summary>FakeTimeProvider refuses to go back; a wall clock corrected by NTP does not.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
