using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// The referral form exactly as a card or REST call sends it: strings, unvalidated. Multi-selects are
/// comma-separated, as Adaptive Cards' Input.ChoiceSet sends them.
/// </summary>
public sealed record ReferralFormInput
{
    public string? FirstNameOrInitials { get; init; }
    public string? Languages { get; init; }
    public string? Area { get; init; }
    public string? ContactChannel { get; init; }
    public string? BestTime { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Needs { get; init; }
    public string? Note { get; init; }
    public string? ConsentGivenBy { get; init; }
    public string? ConsentMethod { get; init; }
    public string? ConsentDate { get; init; }
    public string? ConsentLanguage { get; init; }
    public string? ConsentConfirmed { get; init; }
}

/// <summary>A valid form: what goes into a new referral.</summary>
public sealed record ValidReferralForm(ReferralPerson Person, NeedCategories Needs, Consent Consent);

/// <summary>
/// Validates the referral form at the edge. Errors are codes keyed by field id (the card's input ids), so the
/// card can show each beside its field and REST can return them in problem details, both in the user's language.
/// </summary>
public static partial class ReferralForm
{
    public const int MaxNameLength = 40;
    public const int MaxNoteLength = 280;

    /// <summary>What the phone field takes: a Danish number with +45, spaces and hyphens fits; longer is not a number.</summary>
    public const int MaxPhoneLength = 20;
    public const int MaxLanguages = 3;

    /// <summary>How far back a consent date may lie: consent must be current when the referral is made.</summary>
    public static readonly TimeSpan MaxConsentAge = TimeSpan.FromDays(30);

    /// <summary>Languages a woman may prefer (ISO 639-1 where one exists): the languages most spoken among the programme's target group, plus Danish and English.</summary>
    public static readonly IReadOnlyList<string> KnownLanguages =
        ["da", "en", "ar", "so", "tr", "ur", "fa", "prs", "ps", "ku", "ti", "bs", "sq", "vi", "ta", "pl", "ro", "uk", "ru", "fr"];

    public static class Fields
    {
        public const string FirstName = "firstName";
        public const string Languages = "languages";
        public const string Area = "area";
        public const string ContactChannel = "contactChannel";
        public const string BestTime = "bestTime";
        public const string Phone = "phone";
        public const string Needs = "needs";
        public const string Note = "note";
        public const string ConsentGivenBy = "consentGivenBy";
        public const string ConsentMethod = "consentMethod";
        public const string ConsentDate = "consentDate";
        public const string ConsentLanguage = "consentLanguage";
        public const string ConsentConfirmed = "consentConfirmed";
    }

    public static class Errors
    {
        public const string Required = "required";
        public const string TooLong = "tooLong";
        public const string InvalidName = "invalidName";
        public const string UnknownValue = "unknownValue";
        public const string TooMany = "tooMany";
        public const string InvalidPhone = "invalidPhone";
        public const string LooksLikeCpr = "looksLikeCpr";
        public const string InvalidDate = "invalidDate";
        public const string DateInFuture = "dateInFuture";
        public const string ConsentTooOld = "consentTooOld";
        public const string ConsentNotConfirmed = "consentNotConfirmed";
    }

    public static (ValidReferralForm? Form, IReadOnlyDictionary<string, string> Errors) Validate(
        ReferralFormInput input, IReadOnlyCollection<string> projectAreas, string recordedByObjectId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(projectAreas);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        // Field by field in the form's order, each check adding its error codes; the form is built only when none did.
        var name = CheckedFirstName(input, errors);
        var languages = CheckedLanguages(input, errors);
        var area = CheckedArea(input, projectAreas, errors);
        var contact = CheckedContact(input, errors);
        var needs = CheckedNeeds(input, errors);
        var note = CheckedNote(input, errors);
        var consent = CheckedConsent(input, recordedByObjectId, today, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var person = new ReferralPerson(name!, languages, area!, contact!, note);
        return (new ValidReferralForm(person, needs, consent!), errors);
    }

    private static string? CheckedFirstName(ReferralFormInput input, Dictionary<string, string> errors)
    {
        var name = Clean(input.FirstNameOrInitials);
        if (name is null)
        {
            errors[Fields.FirstName] = Errors.Required;
        }
        else if (name.Length > MaxNameLength)
        {
            errors[Fields.FirstName] = Errors.TooLong;
        }
        else if (!NamePattern().IsMatch(name))
        {
            // Letters, spaces, hyphens, apostrophes and dots (initials): never digits, so no CPR or phone number slips in.
            errors[Fields.FirstName] = Errors.InvalidName;
        }

        return name;
    }

    private static List<string> CheckedLanguages(ReferralFormInput input, Dictionary<string, string> errors)
    {
        // Known codes in any case ("AR" is "ar"), as every value read at the edge (ReferralValues).
        var languages = SplitList(input.Languages).Select(code => ReferralValues.Language(code) ?? code).Distinct(StringComparer.Ordinal).ToList();
        if (languages.Count == 0)
        {
            errors[Fields.Languages] = Errors.Required;
        }
        else if (languages.Count > MaxLanguages)
        {
            errors[Fields.Languages] = Errors.TooMany;
        }
        else if (languages.Any(language => ReferralValues.Language(language) is null))
        {
            errors[Fields.Languages] = Errors.UnknownValue;
        }

        return languages;
    }

    private static string? CheckedArea(ReferralFormInput input, IReadOnlyCollection<string> projectAreas, Dictionary<string, string> errors)
    {
        var area = Clean(input.Area);
        if (area is null)
        {
            errors[Fields.Area] = Errors.Required;
        }
        else if (!projectAreas.Contains(area))
        {
            errors[Fields.Area] = Errors.UnknownValue;
        }

        return area;
    }

    /// <summary>How to reach her; null when the channel is missing or unknown (its error is recorded).</summary>
    private static ContactPreference? CheckedContact(ReferralFormInput input, Dictionary<string, string> errors)
    {
        var channel = ParseEnum<ContactChannel>(input.ContactChannel, Fields.ContactChannel, errors, required: true);
        var bestTime = ParseEnum<ContactTime>(input.BestTime, Fields.BestTime, errors, required: false) ?? ContactTime.Anytime;

        string? phone = null;
        if (channel == Referrals.ContactChannel.Phone)
        {
            phone = NormalisePhone(input.PhoneNumber);
            if (Clean(input.PhoneNumber) is null)
            {
                errors[Fields.Phone] = Errors.Required;
            }
            else if (phone is null)
            {
                errors[Fields.Phone] = Errors.InvalidPhone;
            }
        }

        return channel is { } known ? new ContactPreference(known, bestTime, phone) : null;
    }

    private static NeedCategories CheckedNeeds(ReferralFormInput input, Dictionary<string, string> errors)
    {
        var needs = NeedCategories.None;
        foreach (var need in SplitList(input.Needs))
        {
            if (ReferralValues.TryParse<NeedCategories>(need, out var parsed) && parsed != NeedCategories.None)
            {
                needs |= parsed;
            }
            else
            {
                errors[Fields.Needs] = Errors.UnknownValue;
            }
        }

        if (needs == NeedCategories.None && !errors.ContainsKey(Fields.Needs))
        {
            errors[Fields.Needs] = Errors.Required;
        }

        return needs;
    }

    private static string? CheckedNote(ReferralFormInput input, Dictionary<string, string> errors)
    {
        var note = Clean(input.Note);
        if (note is { Length: > MaxNoteLength })
        {
            errors[Fields.Note] = Errors.TooLong;
        }
        else if (note is not null && CprPattern().IsMatch(AsciiDigits(note)))
        {
            errors[Fields.Note] = Errors.LooksLikeCpr;
        }

        return note;
    }

    /// <summary>Her recorded consent; null when any part of it is missing or invalid (each error is recorded).</summary>
    private static Consent? CheckedConsent(ReferralFormInput input, string recordedByObjectId, DateOnly today, Dictionary<string, string> errors)
    {
        var givenBy = ParseEnum<ConsentGivenBy>(input.ConsentGivenBy, Fields.ConsentGivenBy, errors, required: true);
        var method = ParseEnum<ConsentMethod>(input.ConsentMethod, Fields.ConsentMethod, errors, required: true);
        var date = CheckedConsentDate(input, today, errors);
        var language = CheckedConsentLanguage(input, errors);
        if (!string.Equals(Clean(input.ConsentConfirmed), "true", StringComparison.OrdinalIgnoreCase))
        {
            errors[Fields.ConsentConfirmed] = Errors.ConsentNotConfirmed;
        }

        return givenBy is { } by && method is { } how && date is { } on && language is not null
            ? new Consent(by, how, on, language, recordedByObjectId)
            : null;
    }

    /// <summary>yyyy-MM-dd, not in the future and at most <see cref="MaxConsentAge"/> old: consent must be current.</summary>
    private static DateOnly? CheckedConsentDate(ReferralFormInput input, DateOnly today, Dictionary<string, string> errors)
    {
        if (Clean(input.ConsentDate) is not { } dateText)
        {
            errors[Fields.ConsentDate] = Errors.Required;
        }
        else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDate))
        {
            errors[Fields.ConsentDate] = Errors.InvalidDate;
        }
        else if (parsedDate > today)
        {
            errors[Fields.ConsentDate] = Errors.DateInFuture;
        }
        else if (parsedDate < today.AddDays(-(int)MaxConsentAge.TotalDays))
        {
            errors[Fields.ConsentDate] = Errors.ConsentTooOld;
        }
        else
        {
            return parsedDate;
        }

        return null;
    }

    /// <summary>The language the consent was explained in, as its known code; null (with the error) otherwise.</summary>
    private static string? CheckedConsentLanguage(ReferralFormInput input, Dictionary<string, string> errors)
    {
        var consentLanguage = Clean(input.ConsentLanguage);
        if (consentLanguage is null)
        {
            errors[Fields.ConsentLanguage] = Errors.Required;
            return null;
        }

        if (ReferralValues.Language(consentLanguage) is { } known)
        {
            return known;
        }

        errors[Fields.ConsentLanguage] = Errors.UnknownValue;
        return null;
    }

    /// <summary>Danish numbers: 8 digits, optionally with +45 or 0045 and spaces. Returns "+45XXXXXXXX" or null.</summary>
    public static string? NormalisePhone(string? raw)
    {
        if (Clean(raw) is not { Length: <= MaxPhoneLength } text)
        {
            return null;
        }

        var digits = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.StartsWith("+45", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.StartsWith("0045", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }

        return digits.Length == 8 && digits.All(char.IsAsciiDigit) ? "+45" + digits : null;
    }

    private static T? ParseEnum<T>(string? raw, string field, Dictionary<string, string> errors, bool required)
        where T : struct, Enum
    {
        var text = Clean(raw);
        if (text is null)
        {
            if (required)
            {
                errors[field] = Errors.Required;
            }

            return null;
        }

        if (ReferralValues.TryParse<T>(text, out var value))
        {
            return value;
        }

        errors[field] = Errors.UnknownValue;
        return null;
    }

    /// <summary>Every decimal digit as its ASCII digit, so a CPR number typed in e.g. Arabic-Indic or full-width digits is caught too.</summary>
    private static string AsciiDigits(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var digit = CharUnicodeInfo.GetDecimalDigitValue(source[i]);
            span[i] = digit >= 0 ? (char)('0' + digit) : source[i];
        }
    });

    private static List<string> SplitList(string? raw) => [.. ReferralValues.SplitList(raw).Distinct(StringComparer.Ordinal)];

    private static string? Clean(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();

    [GeneratedRegex(@"^[\p{L}][\p{L}\p{M} .'\-]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();

    /// <summary>
    /// DDMMYY-XXXX with a dash, a space or nothing between, and a plausible day (01-31) and month (01-12): a note must
    /// never carry a CPR number. Not part of a longer digit string. Matched on <see cref="AsciiDigits"/> text.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}[- ]?[0-9]{4}(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CprPattern();
}
