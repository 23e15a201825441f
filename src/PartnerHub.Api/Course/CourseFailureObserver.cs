using System.Text.Json.Nodes;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Course;

/// <summary>
/// A course row that reaches Outlook or SharePoint finally failed: the coordinator concerned (the booking's RequestedBy,
/// or whoever issued the certificate) gets the shared Graph failure card with "try again"
/// (<see cref="GraphFailureNotices"/>). The card names the theme and cohort, never a participant.
/// </summary>
public sealed class CourseFailureObserver(CourseStore courses, CourseSettingsStore settings, CardCatalog cards, GraphFailureNotices notices) : IOutboxFailureObserver
{
    public async Task OnFailedAsync(OutboxFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!CourseNotifications.GraphKinds.Contains(failure.Kind))
        {
            return;
        }

        var payload = CourseNotifications.Read(failure.Payload);
        var cohort = await courses.FindCohortAsync(failure.ProjectId, payload.CohortId, cancellationToken);
        if (cohort is null)
        {
            return;
        }

        var booking = payload.BookingId is { } bookingId
            ? (await courses.FindBookingAsync(failure.ProjectId, payload.CohortId, bookingId, cancellationToken))?.Booking
            : null;
        var themes = (await settings.GetAsync(failure.ProjectId, cancellationToken)).Settings.Themes;
        var recipient = failure.Kind == CourseNotifications.IssueCertificate ? payload.ObjectId : booking?.RequestedBy;
        await notices.TellAsync(failure, recipient, language => cards.Render("graph-failure", new JsonObject
        {
            ["projectId"] = failure.ProjectId,
            ["sessionId"] = null,
            ["title"] = booking is null ? cohort.Cohort.Plan.CohortName : BookingEventFactory.Subject(booking, cohort.Cohort, themes, language),
            ["operationLabel"] = cards.Text(language, "courseFailures." + failure.Kind.Replace("course.", string.Empty, StringComparison.Ordinal)),
            ["errorText"] = failure.ErrorCode,
            ["rowKey"] = failure.RowKey,
        }, language), cancellationToken);
    }
}
