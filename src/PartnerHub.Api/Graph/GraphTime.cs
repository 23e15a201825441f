using System.Globalization;
using Microsoft.Graph.Models;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Graph;

/// <summary>
/// Times to and from Graph's dateTimeTimeZone. Events are written in Danish local time with the Windows zone name
/// "Romance Standard Time": Graph accepts every Windows zone for create and update, while its list of extra IANA names
/// has Europe/Paris and Europe/Berlin but not Europe/Copenhagen. Reads ask for UTC (Prefer: outlook.timezone), so a
/// snapshot never depends on the mailbox's own zone setting.
/// </summary>
public static class GraphTime
{
    public const string WindowsZone = "Romance Standard Time";

    public const string PreferUtc = "outlook.timezone=\"UTC\"";

    public const string PreferDanish = "outlook.timezone=\"" + WindowsZone + "\"";

    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static DateTimeTimeZone ToGraph(DateTimeOffset instant) => new()
    {
        DateTime = CopenhagenTime.ToLocal(instant).ToString(LocalFormat, CultureInfo.InvariantCulture),
        TimeZone = WindowsZone,
    };

    /// <summary>Reads a dateTimeTimeZone in whatever zone Graph answered with (UTC when asked, but never assumed).</summary>
    public static DateTimeOffset FromGraph(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { Length: > 0 } text)
        {
            return DateTimeOffset.MinValue;
        }

        var local = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind);
        var zone = value.TimeZone switch
        {
            null or "" => TimeZoneInfo.Utc,
            var name when name.Equals("UTC", StringComparison.OrdinalIgnoreCase) => TimeZoneInfo.Utc,
            // Our own zone by either name goes through the one Copenhagen clock, which works without tzdata.
            var name when name.Equals(WindowsZone, StringComparison.OrdinalIgnoreCase) || name.Equals(CopenhagenTime.ZoneId, StringComparison.OrdinalIgnoreCase) => CopenhagenTime.Zone,
            var name => TimeZoneInfo.FindSystemTimeZoneById(name),
        };
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
