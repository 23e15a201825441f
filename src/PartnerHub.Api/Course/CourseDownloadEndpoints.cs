using Microsoft.Net.Http.Headers;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Course;

/// <summary>
/// The course's anonymous, signed downloads, outside the bearer-protected /api group: a booking's .ics for the teacher
/// (<see cref="BookingCalendarLinks"/>) and a participant's certificate (<see cref="CertificateLinks"/>). Every failure
/// is the same 404, so a forger learns nothing about which part was wrong or whether the record exists; a download is
/// audited (ids only).
/// </summary>
public static class CourseDownloadEndpoints
{
    [AuditAction]
    public const string IcsLinkAction = "course.ics-link";
    [AuditAction]
    public const string CertificateLinkAction = "course.certificate-link";

    public const string CalendarContentType = "text/calendar; charset=utf-8";

    /// <summary>The audit's record of a certificate link's use (a participant's subject export reads it).</summary>
    public const string CertificateRecord = "certificate";

    public static string CertificateRecordId(string cohortId, string participantId) => cohortId + "|" + participantId;

    public static IEndpointRouteBuilder MapCourseDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(BookingCalendarLinks.Route, BookingIcsAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(CertificateLinks.Route, CertificatePdfAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> BookingIcsAsync(
        HttpContext http,
        string projectId,
        string cohortId,
        string bookingId,
        BookingCalendarLinks links,
        CourseStore courses,
        CourseSettingsStore settings,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        ProtectCapability(http);
        var query = http.Request.Query;
        string? teacher = query["for"], exp = query["exp"], signature = query["sig"];
        if (query["for"].Count != 1 || query["exp"].Count != 1 || query["sig"].Count != 1
            || !links.IsAuthentic(projectId, cohortId, bookingId, teacher, exp, signature))
        {
            return NotFound();
        }

        var stored = await courses.FindBookingAsync(projectId, cohortId, bookingId, cancellationToken);
        var cohort = await courses.FindCohortAsync(projectId, cohortId, cancellationToken);
        var allowed = stored is not null && cohort is not null && string.Equals(stored.Booking.TeacherId, teacher, StringComparison.Ordinal);
        await audit.RecordAsync(projectId, teacher!, IcsLinkAction, CourseStore.BookingRecord, bookingId, allowed, cancellationToken);
        if (!allowed)
        {
            return NotFound();
        }

        var booking = stored!.Booking;
        var themes = (await settings.GetAsync(projectId, cancellationToken)).Settings.Themes;
        var fileName = $"kursus-{CopenhagenTime.DateOf(booking.Start):yyyy-MM-dd}-{booking.Id}.ics";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        return Results.Text(BookingCalendarFile.Ics(booking, cohort!.Cohort, themes), CalendarContentType);
    }

    /// <summary>
    /// Her certificate, re-drawn from the stored records as of the day it was issued, with the signature it was issued
    /// with, rather than fetched from SharePoint: no Graph read permission and no SharePoint outage stand between her
    /// and it, and once she is taken off the list (or erased) there is nothing left to serve.
    /// </summary>
    private static async Task<IResult> CertificatePdfAsync(
        HttpContext http,
        string projectId,
        string cohortId,
        string participantId,
        CertificateLinks links,
        CertificateStore certificates,
        CertificateComposer composer,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        ProtectCapability(http);
        var query = http.Request.Query;
        string? exp = query["exp"], signature = query["sig"];
        if (query["exp"].Count != 1 || query["sig"].Count != 1 || !links.IsAuthentic(projectId, cohortId, participantId, exp, signature))
        {
            return NotFound();
        }

        var issued = await certificates.FindAsync(projectId, cohortId, participantId, cancellationToken);
        var content = issued is null
            ? null
            : await composer.ComposeAsync(projectId, cohortId, participantId, issued.SignedBy, CopenhagenTime.DateOf(issued.IssuedAt), cancellationToken);
        await audit.RecordAsync(projectId, "participant:" + participantId, CertificateLinkAction, CertificateRecord, CertificateRecordId(cohortId, participantId), content is not null, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = CertificateLinks.FileName(cohortId, participantId) }.ToString();
        return Results.File(CertificateDocument.Create(content), "application/pdf");
    }

    // On failures too: the URL is a capability, so neither the answer nor the page may leak it onwards.
    private static void ProtectCapability(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
    }

    private static IResult NotFound() =>
        RestProblems.NotFound("Not found", "This link is not valid (any more).");
}
