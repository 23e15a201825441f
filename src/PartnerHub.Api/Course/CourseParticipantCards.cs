using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Course;

/// <summary>
/// A participant's own card (cards/course-participant.card.json): the plan, her own marks and, once issued, her signed
/// certificate link. What it carries is <see cref="CourseViews.Participant"/>'s (and so <c>CourseVisibility</c>'s)
/// decision; its refresh goes to her alone. Its refresh (<see cref="CourseVerbs.Refresh"/> with view
/// <see cref="View"/>) resolves her as a participant, never as a project member.
/// </summary>
public sealed class CourseParticipantCards(CourseParticipantResolver participants, CourseCardReader reader, CourseViews views, CertificateStore certificates, CertificateLinks links, HelpCards help)
{
    /// <summary>The <c>view</c> in the participant card's refresh data.</summary>
    public const string View = "participant";

    public static bool IsParticipantRefresh(CardActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Verb == CourseVerbs.Refresh && context.DataString("view") == View;
    }

    /// <summary>Her card for one cohort as it is now; null when the cohort can no longer be read or she is no longer on it.</summary>
    public async Task<JsonObject?> CardAsync(ParticipantPlace place, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        var data = await reader.ReadAsync(place.Project.Id, place.Cohort.Cohort.Id, cancellationToken);
        if (data is null)
        {
            return null;
        }

        var issued = await certificates.FindAsync(place.Project.Id, place.Cohort.Cohort.Id, place.Self.Id, cancellationToken);
        var url = issued is null ? null : links.For(issued);
        return views.Participant(place.Viewer, data, language, url, null, [place.Self.ObjectId!]);
    }

    /// <summary>Her card's refresh: her tenant's project, her account on the cohort's list, else the course's forbidden card.</summary>
    public async Task<InvokeResponse> RefreshAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var place = await participants.ResolveAsync(context.TenantId, context.UserAadObjectId, context.DataString("projectId"), context.DataString("cohortId"), cancellationToken);
        var card = place is null ? null : await CardAsync(place, context.Language, cancellationToken);
        return InvokeResponse.Card(card ?? Forbidden(context.Language));
    }

    public JsonObject Forbidden(string language) => help.Error(language, help.Text(language, "course.notices.forbidden"));
}
