using System.Globalization;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Outreach;

/// <summary>The outreach form exactly as a card or REST call sends it: strings, multi-selects comma-separated.</summary>
public sealed record OutreachFormInput
{
    public string? Date { get; init; }
    public string? Kind { get; init; }
    public string? Women { get; init; }
    public string? Topics { get; init; }
    public string? Services { get; init; }
}

/// <summary>A valid form: what goes into a new entry.</summary>
public sealed record ValidOutreachForm(DateOnly Date, OutreachKind Kind, int Women, IReadOnlyList<string> Topics, IReadOnlyList<OutreachService> Services);

/// <summary>
/// Validates the outreach form at the edge, card and REST alike. Values are read by the referrals' rule
/// (<see cref="ReferralValues"/>); errors are codes keyed by field id, shown beside the field in her language.
/// </summary>
public static class OutreachForm
{
    public const int MinWomen = 1;
    public const int MaxWomen = 50;

    /// <summary>How far back she may log: long enough to catch up after a holiday, short enough to stay a record of the month.</summary>
    public const int MaxDaysBack = 60;

    public static class Fields
    {
        public const string Date = "date";
        public const string Kind = "kind";
        public const string Women = "women";
        public const string Topics = "topics";
        public const string Services = "services";
    }

    public static class Errors
    {
        public const string Required = ReferralForm.Errors.Required;
        public const string UnknownValue = ReferralForm.Errors.UnknownValue;
        public const string InvalidDate = ReferralForm.Errors.InvalidDate;
        public const string DateInFuture = ReferralForm.Errors.DateInFuture;
        public const string DateTooOld = "dateTooOld";
        public const string OutOfRange = "outOfRange";
    }

    /// <param name="topicIds">The theme ids of the project's course catalogue: the topics she may choose.</param>
    public static (ValidOutreachForm? Form, IReadOnlyDictionary<string, string> Errors) Validate(
        OutreachFormInput input, IReadOnlyCollection<string> topicIds, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(topicIds);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var date = CheckedDate(input.Date, today, errors);
        var kind = CheckedKind(input.Kind, errors);
        var women = CheckedWomen(input.Women, errors);
        var topics = CheckedTopics(input.Topics, topicIds, errors);
        var services = CheckedServices(input.Services, errors);
        return errors.Count == 0
            ? (new ValidOutreachForm(date!.Value, kind!.Value, women!.Value, topics, services), errors)
            : (null, errors);
    }

    /// <summary>
    /// Corrected topics, by the form's own rule for topics (theme ids of the catalogue, each once, none is fine); null
    /// with the error by field when one is unknown. <paramref name="topics"/> is comma-separated, as the form sends it.
    /// </summary>
    public static (IReadOnlyList<string>? Topics, IReadOnlyDictionary<string, string> Errors) ValidateTopics(string? topics, IReadOnlyCollection<string> topicIds)
    {
        ArgumentNullException.ThrowIfNull(topicIds);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var checkedTopics = CheckedTopics(topics, topicIds, errors);
        return errors.Count == 0 ? (checkedTopics, errors) : (null, errors);
    }

    private static DateOnly? CheckedDate(string? text, DateOnly today, Dictionary<string, string> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors[Fields.Date] = Errors.Required;
        }
        else if (!DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[Fields.Date] = Errors.InvalidDate;
        }
        else if (date > today)
        {
            errors[Fields.Date] = Errors.DateInFuture;
        }
        else if (date < today.AddDays(-MaxDaysBack))
        {
            errors[Fields.Date] = Errors.DateTooOld;
        }
        else
        {
            return date;
        }

        return null;
    }

    private static OutreachKind? CheckedKind(string? text, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[Fields.Kind] = Errors.Required;
            return null;
        }

        if (ReferralValues.TryParse<OutreachKind>(text, out var kind))
        {
            return kind;
        }

        errors[Fields.Kind] = Errors.UnknownValue;
        return null;
    }

    private static int? CheckedWomen(string? text, Dictionary<string, string> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors[Fields.Women] = Errors.Required;
        }
        else if (!trimmed.All(char.IsAsciiDigit) || trimmed.Length > 3
            || int.Parse(trimmed, CultureInfo.InvariantCulture) is < MinWomen or > MaxWomen)
        {
            // Whole numbers only: "2.5", "-1" and "1e3" are all out of range, never rounded.
            errors[Fields.Women] = Errors.OutOfRange;
        }
        else
        {
            return int.Parse(trimmed, CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static List<string> CheckedTopics(string? text, IReadOnlyCollection<string> topicIds, Dictionary<string, string> errors)
    {
        var topics = ReferralValues.SplitList(text).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Any(topic => !topicIds.Contains(topic)))
        {
            errors[Fields.Topics] = Errors.UnknownValue;
        }

        return topics;
    }

    private static List<OutreachService> CheckedServices(string? text, Dictionary<string, string> errors)
    {
        var services = new List<OutreachService>();
        foreach (var part in ReferralValues.SplitList(text))
        {
            if (!ReferralValues.TryParse<OutreachService>(part, out var service))
            {
                errors[Fields.Services] = Errors.UnknownValue;
            }
            else if (!services.Contains(service))
            {
                services.Add(service);
            }
        }

        return services;
    }
}
