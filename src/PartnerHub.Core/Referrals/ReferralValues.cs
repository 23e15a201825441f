namespace PartnerHub.Core.Referrals;

/// <summary>
/// How a value a person chose on a card or sent over REST is read: one rule for both edges. An enum value is exactly
/// one of its names in any case, trimmed; never a number and never a list (Enum.TryParse takes "3" and ORs "Morning,
/// Afternoon" into Evening). A language is one of <see cref="ReferralForm.KnownLanguages"/>, any case.
/// </summary>
public static class ReferralValues
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        var trimmed = text?.Trim();
        var name = string.IsNullOrEmpty(trimmed)
            ? null
            : Array.Find(Enum.GetNames<T>(), candidate => string.Equals(candidate, trimmed, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    public static T? Parse<T>(string? text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : null;

    /// <summary>A comma-separated multi-select of need categories ("Work,health"). Null when any part is not one; None when empty.</summary>
    public static NeedCategories? ParseNeeds(string? text)
    {
        var needs = NeedCategories.None;
        foreach (var part in SplitList(text))
        {
            if (!TryParse<NeedCategories>(part, out var need) || need == NeedCategories.None)
            {
                return null;
            }

            needs |= need;
        }

        return needs;
    }

    /// <summary>The known language code for a code in any case ("AR" → "ar"), or null.</summary>
    public static string? Language(string? code)
    {
        var trimmed = code?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : ReferralForm.KnownLanguages.FirstOrDefault(known => string.Equals(known, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A multi-select as Adaptive Cards' Input.ChoiceSet sends it: comma-separated, trimmed, empty parts dropped.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>The fields a workflow step carries, as strings from a card's inputs or a REST body.</summary>
public sealed record ReferralCommandInput(string? Reason = null, string? MotherId = null, string? Outcome = null, string? Notes = null);

/// <summary>
/// Reads a workflow step into a <see cref="ReferralCommand"/>: the one parser behind the cards and REST. Errors are
/// <see cref="ReferralForm.Errors"/> codes keyed by <see cref="Fields"/>. Whether the step is allowed, and the notes'
/// length, are the workflow's to decide (<see cref="ReferralWorkflow"/>), after the version check.
/// </summary>
public static class ReferralCommands
{
    public static class Fields
    {
        public const string Reason = "reason";
        public const string MotherId = "motherId";
        public const string Outcome = "outcome";
        public const string Notes = "notes";
    }

    public static (ReferralCommand? Command, IReadOnlyDictionary<string, string> Errors) Parse(ReferralAction action, ReferralCommandInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        ReferralCommand? command = action switch
        {
            ReferralAction.Accept => new AcceptReferral(),
            ReferralAction.Decline => Value<DeclineReason>(input.Reason, Fields.Reason, errors) is { } reason ? new DeclineReferral(reason) : null,
            ReferralAction.Assign => Required(input.MotherId, Fields.MotherId, errors) is { } mother ? new AssignReferral(mother) : null,
            ReferralAction.RecordContact => new RecordContact(),
            ReferralAction.Close => Value<ReferralOutcome>(input.Outcome, Fields.Outcome, errors) is { } outcome ? new CloseReferral(outcome) : null,
            ReferralAction.Withdraw => new WithdrawReferral(),
            ReferralAction.EditNotes => new EditMotherNotes(input.Notes),
            _ => null,
        };
        return (command, errors);
    }

    private static string? Required(string? value, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ReferralForm.Errors.Required;
            return null;
        }

        return value.Trim();
    }

    private static T? Value<T>(string? value, string field, Dictionary<string, string> errors)
        where T : struct, Enum
    {
        if (Required(value, field, errors) is not { } text)
        {
            return null;
        }

        if (ReferralValues.TryParse<T>(text, out var parsed))
        {
            return parsed;
        }

        errors[field] = ReferralForm.Errors.UnknownValue;
        return null;
    }
}
