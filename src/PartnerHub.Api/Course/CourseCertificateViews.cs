using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>The coordinator's certificates card (cards/course-certificates.card.json).</summary>
public sealed partial class CourseViews
{
    /// <summary>
    /// Each woman's standing by the project's rule (<see cref="Completion"/>), the SharePoint link of her issued
    /// certificate, and the buttons: issue for everyone who completed, make one who completed (with an account) a
    /// neighbourhood mother. Shown to whoever the view lets see everyone's attendance; the buttons where it allows issuing.
    /// </summary>
    public JsonObject? Certificates(CourseActor viewer, CourseCardData data, IReadOnlyList<IssuedCertificate> issued, string language, string? notice, IReadOnlyList<string>? refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var cohort = data.Cohort.Cohort;
        var view = ViewOf(viewer, data);
        if (!view.Shows(CourseField.Attendance))
        {
            return null;
        }

        var rule = data.Settings.Completion;
        var register = new AttendanceRegister(CourseVisibility.VisibleAttendance(view, viewer, cohort.Participants, data.Attendance));
        var standing = Completion.All(cohort.Participants, cohort.Plan, register, rule, Today);
        var links = view.Shows(CourseField.Certificates)
            ? issued.Where(c => c.CohortId == cohort.Id && c.WebUrl.Length > 0).ToDictionary(c => c.ParticipantId, c => c.WebUrl, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var mayAct = view.Allows(CourseAction.IssueCertificates);
        var result = Header(data, language, notice, refreshUserIds);
        result["version"] = cohort.Version;
        result["ruleText"] = RuleText(rule, language);
        result["canIssue"] = mayAct && standing.Any(s => s.Completed);
        result["participants"] = new JsonArray([.. cohort.Participants.Zip(standing, (participant, completion) =>
            (JsonNode)ParticipantRow(participant, completion, links.GetValueOrDefault(participant.Id), data, mayAct, language))]);
        return cards.Render("course-certificates", result, language);
    }

    private JsonObject ParticipantRow(CourseParticipant participant, ParticipantCompletion completion, string? certificateUrl, CourseCardData data, bool mayAct, string language)
    {
        var member = participant.ObjectId is { } objectId ? data.Members.GetValueOrDefault(objectId) : null;
        var memberText = member?.Role == ProjectRole.NeighbourhoodMother ? Text(language, "course.certificates.isMother")
            : completion.Completed && participant.ObjectId is null ? Text(language, "course.certificates.needsAccount")
            : null;
        return new JsonObject
        {
            ["participantId"] = participant.Id,
            ["name"] = participant.Name,
            ["attendedText"] = Text(language, "course.certificates.attended")
                .Replace("{present}", completion.Attended.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{held}", completion.Held.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["completed"] = completion.Completed,
            ["completedText"] = Text(language, completion.Completed ? "course.certificates.completed" : "course.certificates.notCompleted"),
            ["certificateUrl"] = certificateUrl,
            ["openLabel"] = Text(language, "course.certificates.openLabel").Replace("{name}", participant.Name, StringComparison.Ordinal),
            // Someone already in the directory (in any role) is not added again.
            ["canMakeMother"] = mayAct && completion.Completed && participant.ObjectId is not null && member is null,
            ["memberText"] = memberText,
        };
    }

    /// <summary>"Gennemført betyder mødt til mindst 75 % …", and whether excused absence counts.</summary>
    private string RuleText(CompletionRule rule, string language)
    {
        var text = Text(language, "course.certificates.rule").Replace("{percent}", rule.MinimumPercent.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return rule.ExcusedCountsAsPresent ? text + " " + Text(language, "course.certificates.ruleExcused") : text;
    }
}
