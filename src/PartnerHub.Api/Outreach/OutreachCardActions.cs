using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Outreach;

/// <summary>
/// The outreach card flow: "outreach.form" shows the form, "outreach.log" logs it through <see cref="OutreachLog"/> and
/// answers with the confirmation in place (a repeat of the same submit is applied once), or the form again with errors.
/// </summary>
public sealed class OutreachCardActions(OutreachLog log, OutreachViews views, ActorResolver actors, HelpCards help) : ICardActionHandler
{
    public const string Form = "outreach.form";
    public const string Submit = "outreach.log";

    public IReadOnlyCollection<string> Verbs { get; } = [Form, Submit];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = await actors.ResolveAsync(context.Activity, context.DataString("projectId"), ProjectRole.NeighbourhoodMother, cancellationToken);
        if (actor is null || !OutreachAccess.Allows(actor, OutreachAction.Log))
        {
            return InvokeResponse.Card(Forbidden(context.Language));
        }

        return context.Verb == Submit
            ? await SubmitAsync(actor, context, cancellationToken)
            : InvokeResponse.Card(await FormCardAsync(actor, context.Language, cancellationToken));
    }

    /// <summary>The form, for the chat command and the confirmation's "log another".</summary>
    public async Task<JsonObject> FormCardAsync(Actor actor, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!OutreachAccess.Allows(actor, OutreachAction.Log))
        {
            return Forbidden(language);
        }

        var themes = await log.TopicsAsync(actor.ProjectId, cancellationToken);
        return views.Form(actor.ProjectId, themes, language, log.Today());
    }

    private async Task<InvokeResponse> SubmitAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var requestId = context.DataString("requestId");
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64)
        {
            return InvokeResponse.Error(400, "badRequest", help.Text(context.Language, "error.unknownAction"));
        }

        var input = new OutreachFormInput
        {
            Date = context.DataString(OutreachForm.Fields.Date),
            Kind = context.DataString(OutreachForm.Fields.Kind),
            Women = context.DataString(OutreachForm.Fields.Women),
            Topics = context.DataString(OutreachForm.Fields.Topics),
            Services = context.DataString(OutreachForm.Fields.Services),
        };
        var result = await log.LogAsync(actor, input, "card|" + requestId, cancellationToken);
        if (result.Forbidden)
        {
            return InvokeResponse.Card(Forbidden(context.Language));
        }

        var themes = await log.TopicsAsync(actor.ProjectId, cancellationToken);
        if (result.Entry is not { } entry)
        {
            // Invalid: the same form again with her answers, each error beside its field. Nothing was stored.
            return InvokeResponse.Card(views.Form(actor.ProjectId, themes, context.Language, log.Today(), input, result.Errors, requestId));
        }

        var notice = result.Duplicate ? help.Text(context.Language, "outreach.logged.repeat") : null;
        return InvokeResponse.Card(views.Logged(entry, themes, context.Language, notice));
    }

    private JsonObject Forbidden(string language) => help.Error(language, help.Text(language, "outreach.notices.forbidden"));
}
