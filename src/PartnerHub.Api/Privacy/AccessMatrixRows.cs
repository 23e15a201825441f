using static PartnerHub.Api.Privacy.AccessOutcome;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Privacy;

/// <summary>
/// The HTTP endpoints' rows. A project endpoint names the roles it lets through; everyone else is refused with the
/// gate's answer (no valid token 401, anyone else 403), so a new endpoint is refused to all but the roles named here.
/// </summary>
public static partial class AccessMatrix
{
    // Properties, not fields: Rows is built in the type initializer, before the fields of the other part files are set.
    private static AccessRole[] ProjectRoles => [Coordinator, NeighbourhoodMother, PartnerStaff, Teacher];

    private static List<AccessRow> Build()
    {
        var rows = new List<AccessRow>();
        AddEndpoints(rows);
        AddVerbs(rows);
        AddTabPages(rows);
        return rows;
    }

    private static void AddEndpoints(List<AccessRow> rows)
    {
        // Open to anyone: nothing personal in the answer.
        Public(rows, "GET /health", "Liveness: answers that the app runs. No data.");
        Public(rows, "ANY /health/ready", "Readiness: each check (storage, Teams and Graph tokens) by name, ready or not. No data.");
        Public(rows, "GET /dashboard", "The tab's page shell. It shows nothing until Teams hands it a token for the person; her pages are decided then (tab pages below).");
        Public(rows, "POST /dashboard", "A form post to the tab's page; refused without the page's antiforgery token. No data.");
        Public(rows, "GET /{**path:file}", "Any other path that looks like a file: the app's own static files (the Outlook add-in's page and scripts, styles), or 404. No data.");
        Public(rows, "HEAD /{**path:file}", "The same, headers only.");
        Public(rows, "GET /addin/config.json", "The Outlook add-in's settings (app id, scopes, category name). No data.");
        Public(rows, "POST /api/graph/notifications", "Microsoft Graph's change notifications about calendars; each is checked against its subscription's secret before anything is read, anything else is ignored.");
        Public(rows, "POST /api/graph/lifecycle", "Microsoft Graph's subscription lifecycle events; checked like the change notifications.");
        Row(rows, "POST /api/messages", "Everything Teams sends the bot: messages and card actions (card action rows below). The Bot Framework's signed token is checked before the body is read.", (Anonymous, Unauthorized));

        // Links PartnerHub signed for one person and one record.
        Signed(rows, "GET /calendar/{projectId}/{sessionId}.ics", "A supervision session as a calendar file, for the invitee the link was signed for.");
        Signed(rows, "GET /calendar/{projectId}/course/{cohortId}/{bookingId}.ics", "A teacher's booked course session as a calendar file, for the teacher the link was signed for.");
        Signed(rows, "GET /certificates/{projectId}/{cohortId}/{participantId}.pdf", "A course participant's certificate, for the link's holder (the participant or the coordinator who issued it).");

        // The caller's own things, in no project's route: each answers only about the caller.
        Own(rows, "GET /api/me/projects", "The projects the caller coordinates (the Outlook add-in's picker); empty for anyone else.");
        Own(rows, "GET /api/me/outlook-events/{eventId}/session", "The session behind one of the caller's Outlook meetings, as she may see it; 404 when there is none she may see.");
        Own(rows, "GET /api/me/bookings", "The caller's own teaching bookings; empty for anyone who is no teacher.");
        Own(rows, "GET /api/me/course", "The course the caller takes part in, with her own attendance and certificate; empty for anyone else.");
        Row(rows, "GET /api/people", "Finds people of the organisation by name (for pickers). Coordinators of any project and administrators.",
            (Anonymous, Unauthorized), (Coordinator, Allowed), (NeighbourhoodMother, Forbidden), (PartnerStaff, Forbidden), (Teacher, Forbidden), (Administrator, Allowed), (ProgrammeLead, Forbidden), (OtherProjectMember, Allowed));

        // Administration: the app role PartnerHub.Admin, nobody else.
        Admin(rows, "POST /api/admin/projects", "Creates a project.");
        Admin(rows, "POST /api/admin/projects/{projectId}/coordinators", "Appoints a project's coordinator.");
        Admin(rows, "GET /api/admin/programme-leads/{objectId}", "Reads a programme lead's appointment (which projects' report she reads).");
        Admin(rows, "PUT /api/admin/programme-leads/{objectId}", "Appoints or changes a programme lead.");

        // The combined report: programme leads only (aggregates, small numbers hidden).
        foreach (var path in new[] { "/api/programme/report", "/api/programme/report.xlsx", "/api/programme/report.csv", "/api/programme/report.pdf" })
        {
            Row(rows, "GET " + path, "The combined funder report of the projects she leads: counts only, small numbers hidden.",
                (Anonymous, Unauthorized), (Coordinator, Forbidden), (NeighbourhoodMother, Forbidden), (PartnerStaff, Forbidden), (Teacher, Forbidden), (Administrator, Forbidden), (ProgrammeLead, Allowed), (OtherProjectMember, Forbidden));
        }

        AddProjectEndpoints(rows);
    }

    private static void AddProjectEndpoints(List<AccessRow> rows)
    {
        Project(rows, "GET /api/projects/{projectId}", "The project's name, municipality and place.", ProjectRoles);

        Project(rows, "GET /api/projects/{projectId}/referrals", "Referrals in her view: the coordinator's project, a mother's assigned women, a partner's own organisation's.", ProjectRoles);
        Project(rows, "GET /api/projects/{projectId}/referrals/{referralId}", "One referral in her view; 404 when she may not see it.", ProjectRoles);
        Project(rows, "POST /api/projects/{projectId}/referrals", "Refers a woman with her recorded consent.", Coordinator, PartnerStaff);
        Project(rows, "POST /api/projects/{projectId}/referrals/{referralId}/transitions", "Moves a referral on (accept, assign, contact, close, withdraw, notes); the referral's rules decide who may do which.", ProjectRoles);
        Project(rows, "PATCH /api/projects/{projectId}/referrals/{referralId}/person", "Corrects the woman's details (rectification): the coordinator any of them, the assigned mother her name, languages, area and contact; 404 for anyone else.", Coordinator, NeighbourhoodMother);
        Project(rows, "GET /api/projects/{projectId}/referrals/{referralId}/onward", "The onward referrals made for a referral.", Coordinator);
        Project(rows, "POST /api/projects/{projectId}/referrals/{referralId}/onward", "Refers the woman on to a service in the directory.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/onward/{onwardId}", "One onward referral: the coordinator, or the receiving organisation's staff (404 for other staff).", Coordinator, PartnerStaff);
        Project(rows, "POST /api/projects/{projectId}/onward/{onwardId}/answer", "The receiving service accepts or declines an onward referral.", PartnerStaff);

        Project(rows, "GET /api/projects/{projectId}/directory/organisations", "The project's partner organisations.", Coordinator);
        Project(rows, "PUT /api/projects/{projectId}/directory/organisations/{organisationId}", "Adds or changes a partner organisation.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/directory/members", "The project's people and their roles.", Coordinator);
        Project(rows, "PUT /api/projects/{projectId}/directory/members/{objectId}", "Adds or changes a person and her role.", Coordinator);
        Project(rows, "DELETE /api/projects/{projectId}/directory/members/{objectId}", "Removes a person from the project.", Coordinator);

        // Data-subject access (GDPR Art. 15): everything about one woman or one person, with who read or changed it; audited.
        Project(rows, "GET /api/projects/{projectId}/privacy/referrals/{referralId}/export", "Everything PartnerHub holds about the woman a referral is about, and who read or changed it (JSON or HTML). Audited.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/privacy/people/{objectId}/export", "Everything PartnerHub holds about a person of the project, and who read or changed her entry (JSON or HTML). Audited.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/privacy/courses/{cohortId}/participants/{participantId}/export", "Everything PartnerHub holds about a woman on a cohort's participant list (place, attendance, certificate), and who read or changed the list (JSON or HTML). Audited.", Coordinator);

        Project(rows, "GET /api/projects/{projectId}/sessions/{sessionId}.ics", "A session as a calendar file, for the people who may see it (404 for others).", ProjectRoles);
        Project(rows, "PUT /api/projects/{projectId}/sessions/{sessionId}/minutes", "Attaches a session's minutes as a file.", Coordinator);
        Project(rows, "POST /api/projects/{projectId}/sessions/{sessionId}/attendance", "Records who came to a session.", Coordinator);
        Project(rows, "PUT /api/projects/{projectId}/sessions/{sessionId}/minutes/text", "Writes a session's minutes as text.", Coordinator);
        Project(rows, "PATCH /api/projects/{projectId}/sessions/{sessionId}/cancellation", "Corrects or removes the comment of a cancelled session (rectification).", Coordinator);
        Project(rows, "PUT /api/projects/{projectId}/outlook-events/{eventId}", "Marks a meeting in her own Outlook calendar as a session of the project.", Coordinator);

        Project(rows, "GET /api/projects/{projectId}/courses", "The project's course cohorts (coordinators; anyone else gets an empty list).", ProjectRoles);
        Project(rows, "POST /api/projects/{projectId}/courses", "Creates a cohort.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/courses/{cohortId}", "One cohort: its plan, participants and bookings (404 for anyone but the coordinator).", ProjectRoles);
        foreach (var (route, what) in CoordinatorCourseChanges)
        {
            Project(rows, route, what, Coordinator);
        }

        Project(rows, "POST /api/projects/{projectId}/courses/{cohortId}/bookings/{bookingId}/{action}", "Answers a teacher booking: the booked teacher accepts, declines or proposes a date; the coordinator cancels or accepts a proposal.", ProjectRoles);
        Project(rows, "PATCH /api/projects/{projectId}/courses/{cohortId}/bookings/{bookingId}", "Corrects a booking's texts (rectification): the coordinator her note, and she may remove a reason for declining; the booked teacher her own reason; 404 for another teacher.", Coordinator, Teacher);
        Project(rows, "GET /api/projects/{projectId}/course-settings", "The project's course settings (themes, default place).", Coordinator);
        Project(rows, "PUT /api/projects/{projectId}/course-settings", "Changes the course settings.", Coordinator);

        Project(rows, "GET /api/projects/{projectId}/outreach", "A neighbourhood mother's own outreach entries.", NeighbourhoodMother);
        Project(rows, "POST /api/projects/{projectId}/outreach", "Logs an outreach contact (counts, no personal data).", NeighbourhoodMother);
        Project(rows, "GET /api/projects/{projectId}/outreach/{entryId}", "One of her own outreach entries (404 when not hers).", NeighbourhoodMother);
        Project(rows, "GET /api/projects/{projectId}/outreach/months/{month}", "A month's outreach counts for the project. Aggregates only.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/outreach/{entryId}/topics", "An outreach entry's topics and version, nothing else of it: the mother who logged it or a coordinator (404 for another mother's).", Coordinator, NeighbourhoodMother);
        Project(rows, "PATCH /api/projects/{projectId}/outreach/{entryId}/topics", "Corrects an outreach entry's topics (rectification); the month's counts follow: the mother who logged it or a coordinator (404 for another mother's).", Coordinator, NeighbourhoodMother);

        Project(rows, "GET /api/projects/{projectId}/report", "The project's funder report: counts only, small numbers hidden.", Coordinator);
        foreach (var extension in new[] { "xlsx", "csv", "pdf" })
        {
            Project(rows, $"GET /api/projects/{{projectId}}/report.{extension}", $"The project's funder report as {extension.ToUpperInvariant()}: counts only, small numbers hidden.", Coordinator);
        }

        Project(rows, "GET /api/projects/{projectId}/audit", "The audit trail: who read or changed which record, when, allowed or refused (ids and action names; people named from the directory). JSON or CSV; the read itself is audited.", Coordinator);
        Project(rows, "GET /api/projects/{projectId}/report/settings", "The report's small-number threshold.", Coordinator);
        Project(rows, "PUT /api/projects/{projectId}/report/settings", "Changes the small-number threshold.", Coordinator);

        // Erasure on request (Privacy/Subjects): the coordinator answers the data-subject requests.
        Project(rows, "POST /api/projects/{projectId}/privacy/referrals/{referralId}/erasure", "Erases a woman's personal data on her request (referral, onward referrals' cards); counts stay. If-Match required.", Coordinator);
        Project(rows, "POST /api/projects/{projectId}/privacy/people/{objectId}/erasure", "Erases a person's personal data in the project on her request (directory name, place in sessions); counts stay. If-Match required.", Coordinator);
        Project(rows, "POST /api/projects/{projectId}/privacy/courses/{cohortId}/participants/{participantId}/erasure", "Erases a course participant's personal data on her request (name on the list, account); marks, completion and certificate counts stay. If-Match required (the cohort's ETag).", Coordinator);
    }

    private static (string Route, string What)[] CoordinatorCourseChanges =>
    [
        ("POST /api/projects/{projectId}/courses/{cohortId}/plan/sessions/{sessionId}/move", "Moves a course session to another date."),
        ("POST /api/projects/{projectId}/courses/{cohortId}/plan/sessions/{sessionId}/cancel", "Cancels a course session."),
        ("POST /api/projects/{projectId}/courses/{cohortId}/plan/excursions", "Adds an excursion to the plan."),
        ("PUT /api/projects/{projectId}/courses/{cohortId}/plan/order", "Reorders the plan's themes."),
        ("PATCH /api/projects/{projectId}/courses/{cohortId}/plan", "Corrects the cohort's name or meeting place (rectification)."),
        ("POST /api/projects/{projectId}/courses/{cohortId}/participants", "Adds a participant."),
        ("PUT /api/projects/{projectId}/courses/{cohortId}/participants/{participantId}", "Corrects a participant's name or link to a person."),
        ("DELETE /api/projects/{projectId}/courses/{cohortId}/participants/{participantId}", "Removes a participant."),
        ("PUT /api/projects/{projectId}/courses/{cohortId}/sessions/{sessionId}/attendance", "Records course attendance."),
        ("POST /api/projects/{projectId}/courses/{cohortId}/bookings", "Asks a teacher to teach a session."),
        ("POST /api/projects/{projectId}/courses/{cohortId}/certificates", "Issues certificates to those who completed."),
        ("POST /api/projects/{projectId}/courses/{cohortId}/participants/{participantId}/neighbourhood-mother", "Makes a participant a neighbourhood mother of the project."),
    ];

    private static void Row(List<AccessRow> rows, string name, string description, params (AccessRole Role, AccessOutcome Expected)[] cells)
    {
        var surface = new AccessSurface(SurfaceKind.Endpoint, name, description);
        rows.AddRange(cells.Select(cell => new AccessRow(surface, cell.Role, cell.Expected)));
    }

    private static void Public(List<AccessRow> rows, string name, string description) => Row(rows, name, description, (Anonymous, Allowed));

    private static void Signed(List<AccessRow> rows, string name, string description) =>
        Row(rows, name, description, (Anonymous, NotFound), (LinkHolder, Allowed), (OtherProjectMember, NotFound));

    private static void Own(List<AccessRow> rows, string name, string description) =>
        Row(rows, name, description, [(Anonymous, Unauthorized), .. ProjectRoles.Select(r => (r, Allowed)), (Administrator, Allowed), (ProgrammeLead, Allowed)]);

    private static void Admin(List<AccessRow> rows, string name, string description) =>
        Row(rows, name, description + " Administrators only.", [(Anonymous, Unauthorized), .. ProjectRoles.Select(r => (r, Forbidden)), (Administrator, Allowed), (ProgrammeLead, Forbidden)]);

    /// <summary>A project endpoint: the named roles of the route's project are let through, everyone else refused.</summary>
    private static void Project(List<AccessRow> rows, string name, string description, params AccessRole[] allowed) =>
        Row(rows, name, description,
        [
            (Anonymous, Unauthorized),
            .. ProjectRoles.Select(r => (r, allowed.Contains(r) ? Allowed : Forbidden)),
            (Administrator, Forbidden),
            (ProgrammeLead, Forbidden),
            (OtherProjectMember, Forbidden),
        ]);
}
