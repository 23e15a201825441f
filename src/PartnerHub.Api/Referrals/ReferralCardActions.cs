using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// The referral workflow's card actions. Every answer is the next card for the person who acted, in her view;
/// refusals, lost races and stale cards answer with the current card and a short notice, never a silent overwrite.
/// </summary>
public sealed class ReferralCardActions(
    ReferralService service,
    ReferralViews views,
    CardLocationStore locations,
    ProjectStore projects,
    ActorResolver actors,
    HelpCards help,
    TimeProvider time,
    OnwardCardActions onward) : ICardActionHandler
{
    public const string Form = "referral.form";
    public const string Submit = "referral.submit";
    public const string Refresh = "referral.refresh";
    public const string Open = "referral.open";
    public const string List = "referral.list";
    public const string Accept = "referral.accept";
    public const string Decline = "referral.decline";
    public const string Assign = "referral.assign";
    public const string Contact = "referral.contact";
    public const string Close = "referral.close";
    public const string Notes = "referral.notes";
    public const string Withdraw = "referral.withdraw";

    public const int PageSize = 8;

    public IReadOnlyCollection<string> Verbs { get; } = [Form, Submit, Refresh, Open, List, Accept, Decline, Assign, Contact, Close, Notes, Withdraw];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var projectId = context.DataString("projectId");
        var actor = await actors.ResolveAsync(context.Activity, projectId, context.Verb is Form or Submit ? ProjectRole.PartnerStaff : null, cancellationToken);
        if (actor is null)
        {
            return InvokeResponse.Card(help.Error(context.Language, help.Text(context.Language, "referral.notices.forbidden")));
        }

        return context.Verb switch
        {
            Form => InvokeResponse.Card(await FormCardAsync(actor, context.Language, cancellationToken)),
            Submit => await SubmitAsync(actor, context, cancellationToken),
            List => InvokeResponse.Card(await ListCardAsync(actor, context.DataString("pageToken"), context.Language, cancellationToken)),
            // An onward card refreshes with this verb too; its onwardId says so, and the onward feature renders it.
            Refresh when context.DataString("onwardId") is { Length: > 0 } => await onward.RefreshAsync(actor, context, cancellationToken),
            Refresh or Open => await ViewAsync(actor, context, cancellationToken),
            _ => await ChangeAsync(actor, context, cancellationToken),
        };
    }

    /// <summary>The form card, for the bot command and the welcome card's button.</summary>
    public async Task<JsonObject> FormCardAsync(Actor actor, string language, CancellationToken cancellationToken)
    {
        if (!ReferralAccess.Allows(actor, ReferralAction.Create, null) || await projects.FindAsync(actor.ProjectId, cancellationToken) is not { } project)
        {
            return help.Error(language, help.Text(language, "referral.notices.forbidden"));
        }

        return views.Form(project.Id, project.Areas, language, Today());
    }

    public async Task<JsonObject> ListCardAsync(Actor actor, string? cursorText, string language, CancellationToken cancellationToken)
    {
        var cursor = ListCursor.Decode(cursorText);
        var page = await service.ListAsync(actor, cursor.Count > 0 ? cursor[^1] : null, PageSize, cancellationToken);
        if (page.TokenRefused)
        {
            // Not a page of her list (edited, or someone else's card): she gets her own first page.
            cursor = [];
            page = await service.ListAsync(actor, null, PageSize, cancellationToken);
        }

        return views.List(actor, page, cursor, language);
    }

    private async Task<InvokeResponse> SubmitAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var input = new ReferralFormInput
        {
            FirstNameOrInitials = context.DataString(ReferralForm.Fields.FirstName),
            Languages = context.DataString(ReferralForm.Fields.Languages),
            Area = context.DataString(ReferralForm.Fields.Area),
            ContactChannel = context.DataString(ReferralForm.Fields.ContactChannel),
            BestTime = context.DataString(ReferralForm.Fields.BestTime),
            PhoneNumber = context.DataString(ReferralForm.Fields.Phone),
            Needs = context.DataString(ReferralForm.Fields.Needs),
            Note = context.DataString(ReferralForm.Fields.Note),
            ConsentGivenBy = context.DataString(ReferralForm.Fields.ConsentGivenBy),
            ConsentMethod = context.DataString(ReferralForm.Fields.ConsentMethod),
            ConsentDate = context.DataString(ReferralForm.Fields.ConsentDate),
            ConsentLanguage = context.DataString(ReferralForm.Fields.ConsentLanguage),
            ConsentConfirmed = context.DataString(ReferralForm.Fields.ConsentConfirmed),
        };
        var requestId = context.DataString("requestId");
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64)
        {
            return InvokeResponse.Error(400, "badRequest", help.Text(context.Language, "error.unknownAction"));
        }

        var location = CardLocation.Of(context);
        var result = await service.SubmitAsync(actor, input, requestId, location, cancellationToken);
        if (result.Forbidden)
        {
            return InvokeResponse.Card(help.Error(context.Language, help.Text(context.Language, "referral.notices.forbidden")));
        }

        if (result.Referral is null)
        {
            // Invalid: the same form again, her answers kept, each error beside its field. Nothing was stored.
            var project = await projects.FindAsync(actor.ProjectId, cancellationToken);
            return InvokeResponse.Card(views.Form(actor.ProjectId, project?.Areas ?? [], context.Language, Today(), input, result.Errors, requestId));
        }

        var notice = result.Duplicate ? null : help.Text(context.Language, "referral.notices.submitted");
        return await CardAsync(actor, result.Referral, context.Language, notice, cancellationToken);
    }

    private async Task<InvokeResponse> ViewAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var stored = await service.ReadAsync(actor, context.DataString("referralId") ?? string.Empty, ReferralAction.ViewStatus, cancellationToken);
        return stored is null
            ? InvokeResponse.Card(help.Error(context.Language, help.Text(context.Language, "referral.notices.forbidden")))
            : await CardAsync(actor, stored, context.Language, null, cancellationToken);
    }

    private async Task<InvokeResponse> ChangeAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var command = CommandFor(context);
        if (command is null)
        {
            return InvokeResponse.Error(400, "invalidData", help.Text(context.Language, "formErrors.unknownValue"));
        }

        var referralId = context.DataString("referralId") ?? string.Empty;
        var result = await service.ChangeAsync(actor, referralId, context.DataString("version"), command, CardLocation.Of(context), cancellationToken);
        var notice = result.Outcome switch
        {
            ChangeOutcome.Changed when command is WithdrawReferral => "referral.notices.withdrawn",
            ChangeOutcome.Changed => "referral.notices.saved",
            // A stale card that is not her own retry lost a race: someone (or she, elsewhere) changed it first.
            ChangeOutcome.Stale => "referral.notices.conflict",
            ChangeOutcome.Conflict => "referral.notices.conflict",
            ChangeOutcome.InvalidTransition => "referral.notices.invalidTransition",
            ChangeOutcome.InvalidInput => "formErrors." + (result.Errors?.Values.FirstOrDefault() ?? "tooLong"),
            _ => null,
        };

        if (result.Outcome is ChangeOutcome.Forbidden or ChangeOutcome.NotFound || result.Current is null)
        {
            return InvokeResponse.Card(help.Error(context.Language, help.Text(context.Language, "referral.notices.forbidden")));
        }

        return await CardAsync(actor, result.Current, context.Language, notice is null ? null : help.Text(context.Language, notice), cancellationToken);
    }

    private async Task<InvokeResponse> CardAsync(Actor actor, StoredReferral stored, string language, string? notice, CancellationToken cancellationToken)
    {
        // Read with the referral when it was (ReferralBeside); an older referral's holders are read apart.
        var audience = stored.Beside?.Audience ?? await locations.AudienceAsync(stored.Referral.ProjectId, CardKind.Referral, stored.Referral.Id, cancellationToken);
        var card = await views.CardForAsync(actor, stored, language, notice, audience, cancellationToken);
        return InvokeResponse.Card(card ?? help.Error(language, help.Text(language, "referral.notices.forbidden")));
    }

    /// <summary>The step a button asks for, read by the same parser as REST's transitions; null when its data is not valid.</summary>
    private static ReferralCommand? CommandFor(CardActionContext context)
    {
        ReferralAction? action = context.Verb switch
        {
            Accept => ReferralAction.Accept,
            Decline => ReferralAction.Decline,
            Assign => ReferralAction.Assign,
            Contact => ReferralAction.RecordContact,
            Close => ReferralAction.Close,
            Notes => ReferralAction.EditNotes,
            Withdraw => ReferralAction.Withdraw,
            _ => null,
        };
        var input = new ReferralCommandInput(context.DataString("declineReason"), context.DataString("motherId"), context.DataString("outcome"), context.DataString("notes"));
        return action is { } known ? ReferralCommands.Parse(known, input).Command : null;
    }

    private DateOnly Today() => CopenhagenTime.DateOf(time.GetUtcNow());
}
