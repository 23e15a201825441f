using CsCheck;
using PartnerHub.Core.Outreach;

namespace PartnerHub.Core.Tests.Outreach;

public class OutreachMonthTests
{
    private static readonly DateOnly December = new(2026, 12, 1);
    private static readonly string[] Themes = ["health", "job-centre", "school", "concept"];
    private static readonly string[] Mothers = ["m1", "m2", "m3"];

    private static readonly Gen<OutreachEntry> Entry =
        Gen.Select(
            Gen.Int[1, 31],
            Gen.Enum<OutreachKind>(),
            Gen.Int[1, 50],
            Gen.Int[0, Themes.Length - 1].Array[0, 3],
            Gen.Enum<OutreachService>().Array[0, 3],
            Gen.Int[0, Mothers.Length - 1])
        .Select((day, kind, women, topics, services, mother) => new OutreachEntry(
            "abcdefghijklmnop",
            "vollsmose",
            Mothers[mother],
            December.AddDays(day - 1),
            kind,
            women,
            [.. topics.Select(i => Themes[i]).Distinct()],
            [.. services.Distinct()],
            DateTimeOffset.UnixEpoch));

    [Fact]
    public void Counters_equal_the_sums_over_the_entries_for_any_sequence() =>
        Entry.Array[0, 40].Sample(entries =>
        {
            var month = entries.Aggregate(OutreachMonth.Empty(December), (counts, entry) => counts.Add(entry));

            Assert.Equal(entries.Length, month.Entries);
            Assert.Equal(entries.Sum(e => e.Women), month.Women);
            foreach (var kind in Enum.GetValues<OutreachKind>())
            {
                Assert.Equal(entries.Count(e => e.Kind == kind), month.ByKind.GetValueOrDefault(kind));
            }

            foreach (var topic in Themes)
            {
                Assert.Equal(entries.Count(e => e.Topics.Contains(topic)), month.ByTopic.GetValueOrDefault(topic));
            }

            foreach (var service in Enum.GetValues<OutreachService>())
            {
                Assert.Equal(entries.Count(e => e.Services.Contains(service)), month.ByService.GetValueOrDefault(service));
            }

            Assert.Equal(entries.Select(e => e.MotherObjectId).Distinct().Order(), month.Mothers.Order());
        }, iter: 500, threads: 1);

    [Fact]
    public void A_correction_leaves_the_counters_as_if_the_entry_had_been_logged_corrected() =>
        Gen.Select(Entry.Array[1, 20], Gen.Int[0, Themes.Length - 1].Array[0, 3]).Sample((entries, topics) =>
        {
            var before = entries[0];
            var after = before.WithTopics([.. topics.Select(i => Themes[i]).Distinct()]);
            var logged = entries.Aggregate(OutreachMonth.Empty(December), (counts, entry) => counts.Add(entry));
            var asIfSo = entries.Skip(1).Aggregate(OutreachMonth.Empty(December).Add(after), (counts, entry) => counts.Add(entry));

            var corrected = logged.Corrected(before, after);

            Assert.Equal((asIfSo.Entries, asIfSo.Women), (corrected.Entries, corrected.Women));
            Assert.Equal(asIfSo.ByTopic.OrderBy(p => p.Key, StringComparer.Ordinal), corrected.ByTopic.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(asIfSo.ByKind.OrderBy(p => p.Key), corrected.ByKind.OrderBy(p => p.Key));
            Assert.Equal(asIfSo.ByService.OrderBy(p => p.Key), corrected.ByService.OrderBy(p => p.Key));
            Assert.Equal(asIfSo.Mothers.Order(), corrected.Mothers.Order());
            Assert.DoesNotContain(corrected.ByTopic, p => p.Value <= 0);
        }, iter: 300, threads: 1);

    [Fact]
    public void A_correction_of_another_entry_or_month_is_refused()
    {
        var entry = new OutreachEntry("abcdefghijklmnop", "vollsmose", "m1", December, OutreachKind.Phone, 1, ["health"], [], DateTimeOffset.UnixEpoch);
        var month = OutreachMonth.Empty(December).Add(entry);

        Assert.Throws<ArgumentException>(() => month.Corrected(entry, entry with { Id = "bcdefghijklmnopq" }));
        Assert.Throws<ArgumentException>(() => month.Corrected(entry, entry with { Date = December.AddMonths(1) }));
    }

    [Fact]
    public void An_entry_of_another_month_is_refused_and_the_counts_are_left_as_they_were()
    {
        var empty = OutreachMonth.Empty(new DateOnly(2026, 12, 17));
        var november = new OutreachEntry("abcdefghijklmnop", "vollsmose", "m1", new DateOnly(2026, 11, 30), OutreachKind.Phone, 1, [], [], DateTimeOffset.UnixEpoch);

        Assert.Equal(December, empty.Month);
        Assert.Throws<ArgumentException>(() => empty.Add(november));
        Assert.Equal(0, empty.Entries);
    }
}
