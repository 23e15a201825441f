using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Links;
using PartnerHub.Api.Privacy;
using PartnerHub.Api.Supervision;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>How a row's role calls a surface of project A: her token, her signed link, her card action.</summary>
internal static class MatrixCalls
{
    private static readonly string[] RefusalTitles = ["Det gik ikke", "That didn't work", "Du er ikke med i et projekt endnu", "You are not part of a project yet"];

    /// <summary>The object id acting for <paramref name="role"/>: a member of <paramref name="project"/>, or someone outside it.</summary>
    public static string PersonFor(MatrixWorld world, MatrixProject project, AccessRole role) => role switch
    {
        AccessRole.Coordinator => project.CoordinatorId,
        AccessRole.NeighbourhoodMother => project.MotherId,
        AccessRole.PartnerStaff => project.PartnerId,
        AccessRole.Teacher => project.TeacherId,
        AccessRole.Administrator => world.AdministratorId,
        AccessRole.ProgrammeLead => world.ProgrammeLeadId,
        AccessRole.OtherProjectMember => Other(world, project).CoordinatorId,
        _ => world.NewcomerId,
    };

    public static MatrixProject Other(MatrixWorld world, MatrixProject project) => project == world.A ? world.B : world.A;

    /// <summary>Calls an endpoint row's surface, filled with <paramref name="ids"/>'s ids, as <paramref name="role"/> of <paramref name="project"/>.</summary>
    /// <param name="projectId">The project named in the route, when not <paramref name="ids"/>'s own.</param>
    public static async Task<HttpResponseMessage> CallAsync(MatrixWorld world, string surface, AccessRole role, MatrixProject project, MatrixProject? ids = null, string? projectId = null)
    {
        ids ??= project;
        var (method, pattern) = Split(surface);
        var path = ids.Fill(pattern, pattern.Contains("programme-leads", StringComparison.Ordinal) ? world.ProgrammeLeadId : null, projectId);
        string? token = null;
        if (IsSignedLink(pattern))
        {
            // A holder has the link signed for this record; anyone else has none, or one signed for the other project's record.
            path += role switch
            {
                AccessRole.LinkHolder => SignedQuery(world, pattern, ids),
                AccessRole.OtherProjectMember => SignedQuery(world, pattern, Other(world, ids)),
                _ => string.Empty,
            };
        }
        else if (role == AccessRole.Anonymous)
        {
            // Graph's subscription handshake is what an anonymous caller may do there.
            path += pattern.StartsWith("/api/graph/", StringComparison.Ordinal) ? "?validationToken=matrix" : string.Empty;
        }
        else
        {
            var objectId = PersonFor(world, project, role);
            token = world.TokenFor(objectId, administrator: role == AccessRole.Administrator);
        }

        // The report's period is required: with one, a let-through caller gets her report (the role is asked before the period).
        path += pattern.Contains("/report", StringComparison.Ordinal) && !pattern.EndsWith("/settings", StringComparison.Ordinal) ? "?period=2026" : string.Empty;

        // Bodies are empty: the gate is what is tested, so a let-through write is refused by validation, not made.
        HttpContent? body = method is "POST" or "PUT"
            ? pattern.EndsWith("/minutes", StringComparison.Ordinal) ? new MultipartFormDataContent() : new StringContent("{}", Encoding.UTF8, "application/json")
            : null;
        return await world.Rest.SendAsync(new HttpMethod(method == "ANY" ? "GET" : method), path, token, body);
    }

    public static (string Method, string Pattern) Split(string surface)
    {
        var space = surface.IndexOf(' ', StringComparison.Ordinal);
        return (surface[..space], surface[(space + 1)..]);
    }

    public static bool IsSignedLink(string pattern) =>
        pattern.StartsWith("/calendar/", StringComparison.Ordinal) || pattern.StartsWith("/certificates/", StringComparison.Ordinal);

    /// <summary>The query PartnerHub puts on the link it sends the record's person (signed now, valid for a day).</summary>
    public static string SignedQuery(MatrixWorld world, string pattern, MatrixProject p)
    {
        var exp = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var expText = exp.ToString(CultureInfo.InvariantCulture);
        var signer = world.Bot.Services.GetRequiredService<LinkSigner>();
        if (pattern.StartsWith("/certificates/", StringComparison.Ordinal))
        {
            return $"?exp={expText}&sig={signer.Sign(CertificateLinks.Purpose, [p.Id, p.CohortId, p.ParticipantId], exp)}";
        }

        if (pattern.Contains("/course/", StringComparison.Ordinal))
        {
            return $"?for={p.TeacherId}&exp={expText}&sig={signer.Sign(BookingCalendarLinks.Purpose, [p.Id, p.CohortId, p.BookingId, p.TeacherId], exp)}";
        }

        var session = world.Bot.Services.GetRequiredService<CalendarLinkSigner>();
        return $"?for={p.MotherId}&exp={expText}&sig={session.Sign(p.Id, p.SessionId, p.MotherId, exp)}";
    }

    /// <summary>What a card action's data would name on a card of <paramref name="ids"/>'s records, its project being <paramref name="projectId"/>.</summary>
    public static JsonObject CardData(string verb, string projectId, MatrixProject ids) => new()
    {
        ["projectId"] = projectId,
        ["referralId"] = ids.ReferralId,
        // Only an onward card names its onward referral (a referral card with one would be refreshed as the onward card).
        ["onwardId"] = verb.StartsWith("onward.", StringComparison.Ordinal) ? ids.OnwardId : null,
        ["sessionId"] = verb.StartsWith("course.", StringComparison.Ordinal) ? ids.CourseSessionId : ids.SessionId,
        ["cohortId"] = ids.CohortId,
        ["bookingId"] = ids.BookingId,
        ["participantId"] = ids.ParticipantId,
        ["objectId"] = ids.SpareId,
        ["organisationId"] = "solsikken",
        ["language"] = "da",
        ["motherId"] = ids.MotherId,
        ["declineReason"] = "Other",
        ["outcome"] = "JoinedActivities",
        ["notes"] = "Noter",
        ["rsvp"] = "Accepted",
        // A version no record has: a change let through answers "changed meanwhile" rather than changing A's records
        // under the rows that follow.
        ["version"] = "999",
        ["etag"] = "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"",
        ["requestId"] = Guid.NewGuid().ToString("N"),
    };

    /// <summary>Presses a card button as <paramref name="objectId"/>, exactly as Teams posts it; returns the invoke response.</summary>
    public static async Task<JsonObject> InvokeAsync(MatrixWorld world, string objectId, string verb, JsonObject data)
    {
        var host = world.Bot;
        var invoke = host.ActivityFrom("invoke", "a:chat-" + objectId, ("29:" + objectId, objectId));
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = "card-1";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        using var response = await host.PostSignedAsync(invoke);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>An invoke answer as the matrix reads it: an error (beside or as the card) or the not-in-a-project card is refused.</summary>
    public static AccessOutcome Outcome(JsonObject invokeResponse)
    {
        if ((string?)invokeResponse["type"] == "application/vnd.microsoft.error")
        {
            return AccessOutcome.ErrorCard;
        }

        var title = invokeResponse["value"]?["body"]?[0]?["text"]?.GetValue<string>();
        return title is not null && RefusalTitles.Contains(title) ? AccessOutcome.ErrorCard : AccessOutcome.Allowed;
    }

    public static string Text(JsonNode node) => node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

}
