using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Course;

/// <summary>
/// "kursus" (the coordinator's current cohort's plan, or the form for her first cohort; for a woman on a cohort's list
/// who is not a coordinator, her own participant card of her current cohort) and "mine bookinger" (a teacher's
/// bookings in every project she teaches in). Anyone else gets a "no access" card, never an empty one.
/// </summary>
public sealed class CourseChatCommands(
    ActorResolver actors,
    CourseService cohorts,
    CourseCardActions cards,
    CourseBookingService bookings,
    CourseCardReader reader,
    CourseViews views,
    CourseParticipantResolver participants,
    CourseParticipantCards participantCards,
    HelpCards help,
    TimeProvider time) : IChatCommandHandler
{
    public IReadOnlyCollection<BotCommandKind> Kinds { get; } = [BotCommandKind.Course, BotCommandKind.MyBookings];

    public async Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var actor = await actors.ResolveAsync(activity, projectId: null, kind == BotCommandKind.Course ? ProjectRole.Coordinator : ProjectRole.Teacher, cancellationToken);
        if (kind == BotCommandKind.Course && actor?.Role != ProjectRole.Coordinator
            && await ParticipantCardAsync(activity, language, cancellationToken) is { } own)
        {
            // A participant (also one who has become a mother since) sees her own cohort's card, not "no access".
            return own;
        }

        if (actor is null)
        {
            return null;
        }

        return kind == BotCommandKind.Course
            ? await CourseCardAsync(actor, language, cancellationToken)
            : await MyBookingsCardAsync(actor, activity, language, cancellationToken);
    }

    /// <summary>Her card of her current cohort (of the ones her account is on, in her tenant's projects), or null when she is on none.</summary>
    private async Task<JsonObject?> ParticipantCardAsync(Activity activity, string language, CancellationToken cancellationToken)
    {
        var places = await participants.PlacesAsync(activity.TenantId, activity.From?.AadObjectId, cancellationToken);
        var current = CurrentCohort(places.Select(p => p.Cohort), CopenhagenTime.DateOf(time.GetUtcNow()));
        var place = places.FirstOrDefault(p => ReferenceEquals(p.Cohort.Cohort, current)) ?? (places.Count > 0 ? places[0] : null);
        return place is null ? null : await participantCards.CardAsync(place, language, cancellationToken);
    }

    private async Task<JsonObject> CourseCardAsync(Actor actor, string language, CancellationToken cancellationToken)
    {
        if (actor.Role != ProjectRole.Coordinator)
        {
            return NoAccess(language);
        }

        var current = CurrentCohort(await cohorts.ListAsync(actor, cancellationToken), CopenhagenTime.DateOf(time.GetUtcNow()));
        return current is null
            ? views.Form(actor.ProjectId, Guid.NewGuid().ToString("N"), language)
            : await cards.PlanCardAsync(actor, current.Id, language, null, cancellationToken) ?? NoAccess(language);
    }

    private async Task<JsonObject> MyBookingsCardAsync(Actor actor, Activity activity, string language, CancellationToken cancellationToken)
    {
        if (actor.Role != ProjectRole.Teacher)
        {
            return NoAccess(language);
        }

        var items = await bookings.MyBookingsAsync(activity.TenantId!, actor.ObjectId, cancellationToken);
        var data = new Dictionary<(string, string), CourseCardData?>();
        var entries = new List<TeacherBookingEntry>();
        foreach (var booking in items.Select(i => i.Booking.Booking))
        {
            var key = (booking.ProjectId, booking.CohortId);
            if (!data.TryGetValue(key, out var cohort))
            {
                data[key] = cohort = await reader.ReadAsync(booking.ProjectId, booking.CohortId, cancellationToken);
            }

            if (cohort is not null)
            {
                entries.Add(new TeacherBookingEntry(booking, cohort));
            }
        }

        return views.MyBookings(actor.ObjectId, entries, language);
    }

    /// <summary>The cohort running now or starting next; after the last one ended, the last one.</summary>
    public static Cohort? CurrentCohort(IEnumerable<StoredCohort> cohorts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var all = cohorts.Select(c => c.Cohort).Where(c => c.Plan.Period is not null).ToList();
        return all.Where(c => c.Plan.Period!.Value.To >= today).OrderBy(c => c.Plan.Period!.Value.From).FirstOrDefault()
            ?? all.OrderByDescending(c => c.Plan.Period!.Value.To).FirstOrDefault();
    }

    private JsonObject NoAccess(string language) => help.Error(language, help.Text(language, "course.notices.forbidden"));
}
