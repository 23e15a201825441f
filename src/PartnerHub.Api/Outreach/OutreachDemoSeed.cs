using PartnerHub.Api.Demo;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Outreach;

namespace PartnerHub.Api.Outreach;

/// <summary>
/// The demo's outreach: Adele and Isra log contacts every few days over the last four months, varied in kind, topics,
/// services and number of women, so the report has lines and bars worth looking at. Fixed ids and a fixed random seed;
/// through the store, so the month counters are right, and a re-run is a repeat the store applies once.
/// </summary>
public sealed class OutreachDemoSeed(OutreachStore store) : IDemoSeed
{
    public const int Days = 120;

    public int Order => 40;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seeded = 0;
        foreach (var entry in Entries(now))
        {
            var logged = await store.LogAsync(entry, "demo|" + entry.Id, cancellationToken);
            seeded += logged.Duplicate ? 0 : 1;
        }

        return seeded;
    }

    public static IEnumerable<OutreachEntry> Entries(DateTimeOffset now)
    {
        var random = new Random(14);
        var today = CopenhagenTime.DateOf(now);
        var themes = ThemeCatalogue.Default.Themes.Select(t => t.Id).ToList();
        var kinds = Enum.GetValues<OutreachKind>();
        var services = Enum.GetValues<OutreachService>();
        var number = 0;
        foreach (var mother in new[] { DemoData.MotherAdele, DemoData.MotherIsaiah })
        {
            for (var daysAgo = Days - random.Next(0, 3); daysAgo >= 1; daysAgo -= random.Next(2, 6))
            {
                var date = today.AddDays(-daysAgo);
                var topics = Enumerable.Range(0, random.Next(0, 3)).Select(_ => themes[random.Next(themes.Count)]).Distinct(StringComparer.Ordinal).ToList();
                var pointedTo = Enumerable.Range(0, random.Next(0, 2)).Select(_ => services[random.Next(services.Length)]).Distinct().ToList();
                // Home visits most often, as in the programme: one woman at home, a few at an open house.
                var kind = random.Next(10) switch { < 5 => OutreachKind.HomeVisit, < 7 => OutreachKind.OpenHouse, < 9 => OutreachKind.Phone, _ => OutreachKind.ElsewhereMeeting };
                var women = kind == OutreachKind.OpenHouse ? random.Next(2, 7) : random.Next(1, 3);
                var recordedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero);
                yield return new OutreachEntry(Id(number++), DemoData.Vollsmose.Id, mother.ObjectId, date, kind, women, topics, pointedTo, recordedAt);
            }
        }
    }

    /// <summary>"outreachdemo" and the number in four base32 characters: a valid entry id, the same on every run.</summary>
    public static string Id(int number)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[4];
        for (var i = 3; i >= 0; i--)
        {
            chars[i] = alphabet[number % 32];
            number /= 32;
        }

        return "outreachdemo" + new string(chars);
    }
}
