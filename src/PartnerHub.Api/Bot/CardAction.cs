using System.Text.Json.Nodes;
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

    /// <summary>The project the card names, if any: a hint for the language resolver, never a grant (handlers check membership).</summary>
    public static string? ProjectIdOf(AdaptiveCardInvokeValue? value) =>
        value?.Action?.Data is JsonObject data && data["projectId"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    /// <summary>
    /// Reads the action: the verb must be present; data, when present, must be an object. The language is the one
    /// <see cref="LanguageResolver"/> gave for her (her choice, else the project's), never the Teams locale.
    /// </summary>
    public static CardActionContext? From(Activity activity, AdaptiveCardInvokeValue? value, string language)
    {
        var verb = value?.Action?.Verb;
        if (string.IsNullOrWhiteSpace(verb))
        {
            return null;
        }

        var data = value!.Action!.Data as JsonObject ?? [];
        return new CardActionContext(activity, verb, data, language);
    }
}

/// <summary>Handles the card actions of one feature. Verbs are namespaced by feature ("help.language").</summary>
public interface ICardActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken);
}
