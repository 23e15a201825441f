using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Course;

/// <summary>The course's one refusal card: the same error card, in her language, wherever a course action is refused.</summary>
internal static class CourseRefusals
{
    public static JsonObject CourseForbidden(this HelpCards help, string language) =>
        help.Error(language, help.Text(language, "course.notices.forbidden"));
}
