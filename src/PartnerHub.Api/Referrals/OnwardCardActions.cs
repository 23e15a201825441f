using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// The onward referral's card actions: the coordinator's "Henvis videre" on the triage card, and the receiving
/// service's answer on the onward card. Every answer is the next card for the person who acted; input she must fix
/// comes back on her triage card with a notice, a late or second answer on the current onward card with a notice.
/// </summary>
public sealed class OnwardCardActions(
    OnwardService service,
    OnwardViews views,
    ReferralViews referralViews,
    CardLocationStore cards,
    ActorResolver actors,
    HelpCards help) : ICardActionHandler
{
    public const string ReferOnward = "referral.referOnward";
    public const string Accept = "onward.accept";
    public const string Decline = "onward.decline";

    public IReadOnlyCollection<string> Verbs { get; } = [ReferOnward, Accept, Decline];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(context.Activity, context.DataString("projectId"), null, cancellationToken);
        if (actor is null)
        {
            return Forbidden(context.Language);
        }

        return context.Verb == ReferOnward
            ? await ReferOnwardAsync(actor, context, cancellationToken)
            : await AnswerAsync(actor, context, accept: context.Verb == Accept, cancellationToken);
    }

    /// <summary>
    /// The onward card's refresh (verb <c>referral.refresh</c> with an <c>onwardId</c>), delegated here by
    /// <see cref="ReferralCardActions"/>: the receiving staff see the onward card, never the referral's own cards.
    /// </summary>
    public async Task<InvokeResponse> RefreshAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var stored = await service.ReadAsync(actor, context.DataString("onwardId") ?? string.Empty, cancellationToken);
        return stored is null ? Forbidden(context.Language) : await OnwardCardAsync(actor, stored, context.Language, null, cancellationToken);
    }

    private async Task<InvokeResponse> ReferOnwardAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var result = await service.SendAsync(
            actor,
            context.DataString("referralId") ?? string.Empty,
            context.DataString(OnwardService.OrganisationField),
            context.DataString(OnwardService.NeedsField),
            context.DataString("version"),
            cancellationToken);
        if (result.Outcome is OnwardOutcome.NotFound or OnwardOutcome.Forbidden || result.Referral is null)
        {
            return Forbidden(context.Language);
        }

        var notice = result.Outcome switch
        {
            OnwardOutcome.Done => help.Text(context.Language, "referral.notices.saved"),
            // The ShowCard's own error texts, so she reads exactly what to choose.
            OnwardOutcome.InvalidInput => string.Join(" ", result.Errors.Keys.Order(StringComparer.Ordinal).Select(field => help.Text(context.Language, field switch
            {
                OnwardService.OrganisationField => "referral.triage.organisationError",
                _ => "referral.triage.onwardNeedsError",
            }))),
            // A stale card that is not her own retry lost a race: the same notice as every other change (ReferralCardActions).
            OnwardOutcome.Stale => help.Text(context.Language, "referral.notices.conflict"),
            OnwardOutcome.Unavailable => help.Text(context.Language, "referral.notices.invalidTransition"),
            _ => null,
        };
        var audience = await cards.AudienceAsync(actor.ProjectId, CardKind.Referral, result.Referral.Referral.Id, cancellationToken);
        var card = await referralViews.CardForAsync(actor, result.Referral, context.Language, notice, audience, cancellationToken);
        return card is null ? Forbidden(context.Language) : InvokeResponse.Card(card);
    }

    private async Task<InvokeResponse> AnswerAsync(Actor actor, CardActionContext context, bool accept, CancellationToken cancellationToken)
    {
        var onwardId = context.DataString("onwardId") ?? string.Empty;
        var result = await service.AnswerAsync(actor, onwardId, accept, CardLocation.Of(context), cancellationToken);
        if (result.Outcome is OnwardOutcome.NotFound or OnwardOutcome.Forbidden || result.Current is null)
        {
            return Forbidden(context.Language);
        }

        var notice = result.Outcome is OnwardOutcome.Done or OnwardOutcome.Duplicate ? "onward.notices.answered" : "onward.notices.alreadyAnswered";
        return await OnwardCardAsync(actor, result.Current, context.Language, help.Text(context.Language, notice), cancellationToken);
    }

    private async Task<InvokeResponse> OnwardCardAsync(Actor actor, StoredOnward stored, string language, string? notice, CancellationToken cancellationToken)
    {
        var audience = await cards.AudienceAsync(stored.Onward.ProjectId, CardKind.Onward, stored.Onward.Id, cancellationToken);
        var card = await views.CardForAsync(actor, stored, language, notice, audience, cancellationToken);
        return card is null ? Forbidden(language) : InvokeResponse.Card(card);
    }

    private InvokeResponse Forbidden(string language) =>
        InvokeResponse.Card(help.Error(language, help.Text(language, "referral.notices.forbidden")));

}
