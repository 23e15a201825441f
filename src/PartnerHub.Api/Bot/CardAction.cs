using System.Text.Json.Nodes;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>An <c>Action.Execute</c> a user pressed, with the language the answer should be in.</summary>
public sealed record CardActionContext(Activity Activity, string Verb, JsonObject Data, string Language)
{
    public string? UserAadObjectId => Activity.From?.AadObjectId;

    public string? TenantId => Activity.TenantId;

    /// <summary>A string field of the action's data, or null when absent or not a string.</summary>
    public string? DataString(string name) =>
        Data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// Reads the action: the verb must be present; data, when present, must be an object. The language comes from
    /// the card's own data when it names one (the card the user sees), otherwise from the Teams locale.
    /// </summary>
    public static CardActionContext? From(Activity activity, AdaptiveCardInvokeValue? value)
    {
        var verb = value?.Action?.Verb;
        if (string.IsNullOrWhiteSpace(verb))
        {
            return null;
        }

        var data = value!.Action!.Data as JsonObject ?? [];
        var language = data["language"] is JsonValue v && v.TryGetValue<string>(out var requested) && Languages.TryParse(requested, out var parsed)
            ? parsed
            : Languages.FromLocale(activity.Locale);
        return new CardActionContext(activity, verb, data, language);
    }
}

/// <summary>Handles the card actions of one feature. Verbs are namespaced by feature ("help.language").</summary>
public interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken);
}
