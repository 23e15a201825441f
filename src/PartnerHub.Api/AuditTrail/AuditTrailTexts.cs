using System.Globalization;
using PartnerHub.Api.Texts;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.AuditTrail;

/// <summary>
/// The audit trail's words in both languages (strings.da.json, strings.en.json beside this file, embedded): the page,
/// the CSV's columns, and every action and record type the audit holds in plain words. An action or record type
/// without words (one added later) shows as its stored name, never as an error.
/// </summary>
public sealed class AuditTrailTexts
{
    private readonly Dictionary<string, AuditTrailText> _languages = new(StringComparer.Ordinal)
    {
        [Languages.Danish] = new AuditTrailText(Languages.Danish, Load(Languages.Danish)),
        [Languages.English] = new AuditTrailText(Languages.English, Load(Languages.English)),
    };

    /// <summary>Anything but English is Danish (Core's rule).</summary>
    public AuditTrailText For(string? language) => _languages[Languages.FromLocale(language)];

    internal static IReadOnlyDictionary<string, string> Load(string language) =>
        EmbeddedStrings.Load($"PartnerHub.AuditTrail.strings.{language}.json");
}

/// <summary>One language's audit trail words.</summary>
public sealed class AuditTrailText(string language, IReadOnlyDictionary<string, string> strings)
{
    public string Language { get; } = language;

    public IReadOnlyDictionary<string, string> All => strings;

    /// <exception cref="KeyNotFoundException">A key missing from the strings file: a bug the strings tests catch.</exception>
    public string this[string key] => strings[key];

    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, strings[key], args);

    /// <summary>"Så henvisningens detaljer" for ViewDetails; the stored name for an action without words.</summary>
    public string Action(string action) => strings.GetValueOrDefault("actions." + action, action);

    /// <summary>"Henvisning" for referral; the stored name for a record type without words.</summary>
    public string RecordType(string recordType) => strings.GetValueOrDefault("records." + recordType, recordType);

    /// <summary>"Tilladt" / "Afvist".</summary>
    public string Outcome(bool allowed) => strings[allowed ? "outcome.allowed" : "outcome.refused"];

    /// <summary>The error text of a filter field's error code.</summary>
    public string Error(string code) => strings.GetValueOrDefault("errors." + code, code);

    /// <summary>"Camilla (koordinator)": a directory member by her first name and role.</summary>
    public string Member(ProjectMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return $"{member.FirstName} ({strings["roles." + member.Role]})";
    }

    /// <summary>Whoever the directory does not name: PartnerHub itself, a course participant's link, or someone outside the project now.</summary>
    public string NotInDirectory(string actor) => actor switch
    {
        "retention" => strings["people.retention"],
        "partnerhub" => strings["people.system"],
        _ when actor.StartsWith("participant:", StringComparison.Ordinal) => strings["people.participant"],
        _ => strings["people.unknown"],
    };

    /// <summary>Date and time in Copenhagen, the house style: "fredag 4. december 2026 kl. 14.03".</summary>
    public string At(DateTimeOffset at) => CopenhagenDates.DateAndTime(at, Language);
}
