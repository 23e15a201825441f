using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Course;

/// <summary>
/// The coordinator's certificates card: open (from the plan) and refresh, issue certificates for everyone who completed,
/// make one who completed a neighbourhood mother. Every answer is the card as it is now with what happened; a refusal
/// is the course's error card in her language. Changes go through <see cref="CourseCompletionService"/> (fingerprinted:
/// a retry of the same press is applied once); the certificates themselves are drawn and stored from the outbox.
/// </summary>
public sealed class CourseCertificateActions(
    CourseCompletionService completion,
    CourseCardReader reader,
    CertificateStore certificates,
    CourseViews views,
    CardLocationStore locations,
    ActorResolver actors,
    HelpCards help) : ICardActionHandler
{
    /// <summary>The refresh's <c>view</c> (cards/course-certificates.card.json), which <see cref="CourseCardActions"/> hands on here.</summary>
    public const string View = "certificates";

    public IReadOnlyCollection<string> Verbs { get; } = [CourseVerbs.OpenCertificates, CourseVerbs.IssueCertificates, CourseVerbs.MakeMother];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(context.Activity, context.DataString("projectId"), null, cancellationToken);
        var cohortId = context.DataString("cohortId");
        if (actor is null || !Cohort.IsValidId(cohortId))
        {
            return Forbidden(context.Language);
        }

        return context.Verb switch
        {
            CourseVerbs.IssueCertificates => await IssueAsync(actor, context, cohortId!, cancellationToken),
            CourseVerbs.MakeMother => await MakeMotherAsync(actor, context, cohortId!, cancellationToken),
            _ => await CardAsync(actor, context, cohortId!, null, cancellationToken),
        };
    }

    private async Task<InvokeResponse> IssueAsync(Actor actor, CardActionContext context, string cohortId, CancellationToken cancellationToken)
    {
        var acting = CardLocation.Of(context)?.AsActing();
        var result = await completion.IssueCertificatesAsync(actor, cohortId, CourseCardActions.Version(context), cancellationToken, acting);
        var notice = result.Outcome switch
        {
            ChangeOutcome.Forbidden or ChangeOutcome.NotFound => null,
            ChangeOutcome.Changed or ChangeOutcome.Duplicate => "course.certificates.notices.issued",
            ChangeOutcome.InvalidTransition => "course.certificates.notices.nobodyCompleted",
            _ => "course.notices.conflict",
        };
        return notice is null ? Forbidden(context.Language) : await CardAsync(actor, context, cohortId, notice, cancellationToken);
    }

    private async Task<InvokeResponse> MakeMotherAsync(Actor actor, CardActionContext context, string cohortId, CancellationToken cancellationToken)
    {
        if (context.TenantId is not { Length: > 0 } tenantId)
        {
            return Forbidden(context.Language);
        }

        var result = await completion.MakeNeighbourhoodMotherAsync(actor, tenantId, cohortId, context.DataString("participantId") ?? string.Empty, cancellationToken);
        var notice = result.Outcome switch
        {
            ChangeOutcome.Forbidden or ChangeOutcome.NotFound => null,
            ChangeOutcome.Changed or ChangeOutcome.Duplicate => "course.certificates.notices.madeMother",
            ChangeOutcome.InvalidInput when result.Errors.GetValueOrDefault(CourseService.Fields.ObjectId) == CourseErrors.Required => "course.certificates.notices.noAccount",
            ChangeOutcome.InvalidInput when result.Errors.GetValueOrDefault(CourseService.Fields.Participant) is { } code => CourseErrorTexts.PathOf(code),
            // Not completed has no errors; the directory's own refusals (her account, the last coordinator …) carry theirs.
            ChangeOutcome.InvalidTransition when result.Errors.Count == 0 => "course.certificates.notices.notCompleted",
            ChangeOutcome.Stale or ChangeOutcome.Conflict => "course.notices.conflict",
            _ => "course.certificates.notices.directoryRefused",
        };
        return notice is null ? Forbidden(context.Language) : await CardAsync(actor, context, cohortId, notice, cancellationToken);
    }

    /// <summary>
    /// The certificates card as it is now, remembered where it is shown (so a stored certificate or another
    /// coordinator's change updates it in place), refreshing for everyone who has one, her included.
    /// </summary>
    private async Task<InvokeResponse> CardAsync(Actor actor, CardActionContext context, string cohortId, string? noticePath, CancellationToken cancellationToken)
    {
        var data = await reader.ReadAsync(actor.ProjectId, cohortId, cancellationToken);
        if (data is null)
        {
            return Forbidden(context.Language);
        }

        var issued = await certificates.ListAsync(actor.ProjectId, cohortId, cancellationToken);
        var record = CourseCards.Certificates(cohortId);
        var location = CardLocation.Of(context);
        var shown = (await locations.ForAsync(actor.ProjectId, record.Kind, record.Id, cancellationToken)).Where(l => l.ObjectId != location?.ObjectId).ToList();
        if (location is not null)
        {
            shown.Add(location);
        }

        var notice = noticePath is null ? null : help.Text(context.Language, noticePath);
        JsonObject? card = views.Certificates(CourseActor.From(actor), data, issued, context.Language, notice, CardLocationStore.Audience(shown));
        if (card is null)
        {
            return Forbidden(context.Language);
        }

        if (location is not null)
        {
            await locations.SaveAsync(actor.ProjectId, record.Kind, record.Id, location, cancellationToken);
        }

        return InvokeResponse.Card(card);
    }

    private InvokeResponse Forbidden(string language) => InvokeResponse.Card(help.CourseForbidden(language));
}
