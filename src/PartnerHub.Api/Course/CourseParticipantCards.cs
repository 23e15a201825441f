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

    /// <summary>Her card for one cohort as the resolver found it; null when the view shows her nothing.</summary>
    public async Task<JsonObject?> CardAsync(ParticipantPlace place, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        // The resolver has read her project and cohort just now: only the rest of the card's data is read.
        var data = await reader.ReadAsync(place.Project, place.Cohort, cancellationToken);
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
        return InvokeResponse.Card(card ?? help.CourseForbidden(context.Language));
    }
}
