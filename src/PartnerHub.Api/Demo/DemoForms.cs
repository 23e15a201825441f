namespace PartnerHub.Api.Demo;

/// <summary>
/// The demo seed goes through the validation real data goes through (the directory, referral and session forms), so
/// a seed that a coordinator could not have typed fails loudly at start-up instead of breaking REST calls, calendar
/// links or cards later.
/// </summary>
public static class DemoForms
{
    /// <summary>The valid form, or an exception naming the fields a Core form validator refused.</summary>
    public static T Valid<T>((T? Form, IReadOnlyDictionary<string, string> Errors) result)
        where T : class
    {
        ThrowOn(result.Errors, typeof(T).Name);
        return result.Form ?? throw Invalid(typeof(T).Name, "form", "no form");
    }

    public static void ThrowOn(IReadOnlyDictionary<string, string> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw Invalid(what, string.Join(", ", errors.Keys), string.Join(", ", errors.Values));
        }
    }

    public static InvalidOperationException Invalid(string what, string fields, string codes) =>
        new($"Demo data is invalid: {what} ({fields}: {codes}).");
}
