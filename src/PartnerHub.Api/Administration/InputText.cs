using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Administration;

/// <summary>A required text field: trimmed, 1 to a maximum length, no control characters.</summary>
internal static class InputText
{
    public static string? Field(string? value, string field, int maxLength, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = ReferralForm.Errors.Required;
            return null;
        }

        if (text.Length > maxLength)
        {
            errors[field] = ReferralForm.Errors.TooLong;
            return null;
        }

        if (text.Any(char.IsControl))
        {
            errors[field] = AdministrationProblems.InvalidText;
            return null;
        }

        return text;
    }
}
