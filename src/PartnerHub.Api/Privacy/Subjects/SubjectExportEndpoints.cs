using System.Text;
using Microsoft.Net.Http.Headers;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// REST: a data-subject access request (GDPR Art. 15) for the project's coordinator: everything PartnerHub holds about
/// one referred woman, one person of the directory or one woman on a course's participant list, as JSON
/// (<c>format=json</c>, the default) or a readable HTML document (<c>format=html</c>) in the coordinator's language.
/// Every request is audited (<see cref="SubjectExport.Action"/>).
/// </summary>
public static class SubjectExportEndpoints
{
    public static RouteGroupBuilder MapSubjectExportEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var privacy = api.MapGroup("/projects/{projectId}/privacy")
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithTags("Privacy");

        privacy.MapGet("/referrals/{referralId}/export", ReferralAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ExportReferredWoman")
            .WithSummary("Everything PartnerHub holds about the woman a referral is about, and who read or changed it: format=json (default) or html. Coordinator only; audited.");

        privacy.MapGet("/people/{objectId}/export", PersonAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ExportDirectoryPerson")
            .WithSummary("Everything PartnerHub holds about a person of the project (by Entra object id), and who read or changed her entry: format=json (default) or html. Coordinator only; audited.");

        privacy.MapGet("/courses/{cohortId}/participants/{participantId}/export", ParticipantAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ExportCourseParticipant")
            .WithSummary("Everything PartnerHub holds about a woman on a cohort's participant list (her place, attendance, certificate), and who read or changed the list: format=json (default) or html. Coordinator only; audited.");

        return api;
    }

    private static Task<IResult> ReferralAsync(HttpContext http, string referralId, string? format, SubjectExport export, SubjectExportHtml html, LanguageResolver languages, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();

        // A malformed id names nothing stored; it never reaches a key.
        return RandomIds.IsValid(referralId)
            ? ExportAsync(http, new ReferredWoman(caller.ProjectId, referralId), "henvisning-" + referralId, "referral-" + referralId, format, export, html, languages, cancellationToken)
            : Task.FromResult(NotFound(format));
    }

    private static Task<IResult> PersonAsync(HttpContext http, string objectId, string? format, SubjectExport export, SubjectExportHtml html, LanguageResolver languages, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();

        // Her object id is personal data (a pseudonym), so the file is named by the day only.
        var day = export.Today();
        return Guid.TryParseExact(objectId, "D", out var id)
            ? ExportAsync(http, new DirectoryPerson(caller.ProjectId, id.ToString("D")), "person-" + day, "person-" + day, format, export, html, languages, cancellationToken)
            : Task.FromResult(NotFound(format));
    }

    private static Task<IResult> ParticipantAsync(HttpContext http, string cohortId, string participantId, string? format, SubjectExport export, SubjectExportHtml html, LanguageResolver languages, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();

        // Ids of the list, like her certificate's file name: they name no one outside the project.
        var name = "kursusdeltager-" + cohortId + "-" + participantId;
        return Cohort.IsValidId(cohortId) && Cohort.IsValidId(participantId)
            ? ExportAsync(http, new CourseParticipantSubject(caller.ProjectId, cohortId, participantId), name, "course-participant-" + cohortId + "-" + participantId, format, export, html, languages, cancellationToken)
            : Task.FromResult(NotFound(format));
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, DataSubject subject, string danishName, string englishName, string? format, SubjectExport export, SubjectExportHtml html, LanguageResolver languages, CancellationToken cancellationToken)
    {
        if (Format(format) is not { } chosen)
        {
            return BadFormat();
        }

        var caller = http.GetCaller();
        var content = await export.ExportAsync(subject, caller.ObjectId, cancellationToken);
        if (content is null)
        {
            return NotFound(format);
        }

        var language = await languages.ForPersonAsync(caller.TenantId, caller.ObjectId, caller.ProjectId, cancellationToken);
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        var name = (language == Core.Localization.Languages.English ? "access-" + englishName : "indsigt-" + danishName) + "." + chosen;
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
        if (chosen == "html")
        {
            // Nothing in the document runs: no scripts, no fetches, only its own inline style.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
            return Results.File(Encoding.UTF8.GetBytes(html.Render(content, language)), "text/html; charset=utf-8");
        }

        return Results.File(SubjectExportJson.Render(content), "application/json; charset=utf-8");
    }

    private static string? Format(string? format) => format switch
    {
        null or "" or "json" => "json",
        "html" => "html",
        _ => null,
    };

    private static IResult BadFormat() => RestProblems.Validation(
        new Dictionary<string, string[]>(StringComparer.Ordinal) { ["format"] = ["json or html."] },
        "Choose the export's format: json (the default) or html.");

    private static IResult NotFound(string? format) => Format(format) is null
        ? BadFormat()
        : RestProblems.NotFound("Not found", "PartnerHub holds nothing about this subject in the project.");
}
