using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Links;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// The anonymous, signed .ics link of a confirmed booking, for the teacher (a guest outside the tenant does not get the
/// tenant's Outlook invitation in every setup): <c>{Graph:PublicBaseUrl}/calendar/{project}/course/{cohort}/{booking}.ics?for={teacher}&amp;exp=…&amp;sig=…</c>,
/// signed by <see cref="LinkSigner"/> (the same key and rule as a session's link) over project, cohort, booking, teacher
/// and expiry: ids only in the URL. It expires 14 days after the session (at most 400 days ahead). Without a public
/// base URL there is no link.
/// </summary>
public sealed class BookingCalendarLinks(LinkSigner signer, IOptions<GraphNotificationOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public const string PathPrefix = "/calendar";

    // Versioned, and distinct from a session's: a session link's signature never opens a booking.
    public const string Purpose = "partnerhub.booking-ics.v1";

    public static readonly TimeSpan AfterSession = TimeSpan.FromDays(14);

    /// <summary>The route, for <see cref="CourseDownloadEndpoints"/>.</summary>
    public const string Route = PathPrefix + "/{projectId}/course/{cohortId}/{bookingId}.ics";

    /// <summary>The teacher's link for a confirmed booking; null otherwise, or when expired or without a public base URL.</summary>
    public string? For(TeacherBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.State != BookingState.Confirmed || !IsSignable(booking.ProjectId, booking.CohortId, booking.Id, booking.TeacherId)
            || !GraphNotificationOptions.TryBaseUrl(options.Value.PublicBaseUrl, environment.IsDevelopment(), out var baseUrl))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expires = LinkSigner.Expiry(booking.End + AfterSession, now);
        if (expires <= now)
        {
            return null;
        }

        var exp = expires.ToUnixTimeSeconds();
        var signature = signer.Sign(Purpose, [booking.ProjectId, booking.CohortId, booking.Id, booking.TeacherId], exp);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return string.Create(CultureInfo.InvariantCulture,
            $"{root}{PathPrefix}/{booking.ProjectId}/course/{booking.CohortId}/{booking.Id}.ics?for={Uri.EscapeDataString(booking.TeacherId)}&exp={exp}&sig={signature}");
    }

    /// <summary>The link's query, checked before anything is read; which part failed is not told.</summary>
    public bool IsAuthentic(string projectId, string cohortId, string bookingId, string? teacherObjectId, string? exp, string? signature) =>
        IsSignable(projectId, cohortId, bookingId, teacherObjectId)
        && signer.IsAuthentic(Purpose, [projectId, cohortId, bookingId, teacherObjectId], exp, signature, time.GetUtcNow());

    private static bool IsSignable(string? projectId, string? cohortId, string? bookingId, string? teacherObjectId) =>
        Project.IsValidId(projectId) && Cohort.IsValidId(cohortId) && Cohort.IsValidId(bookingId) && GraphPayloads.IsObjectId(teacherObjectId);
}
