using static PartnerHub.Api.Privacy.AccessOutcome;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Privacy;

/// <summary>
/// The card actions' and tab pages' rows. A card action names the project of its card; the person pressing it is
/// resolved to her role in that project (nothing in the card can raise it), so a coordinator of another project and
/// someone in no project are refused on every project verb.
/// </summary>
public static partial class AccessMatrix
{
    private static void AddVerbs(List<AccessRow> rows)
    {
        AccessRole[] everyone = [Coordinator, NeighbourhoodMother, PartnerStaff, Teacher, OtherProjectMember];
        foreach (var verb in new[] { "help.show", "help.language", "welcome.language" })
        {
            Verb(rows, verb, "The help or welcome card, or her language choice. Someone in no project is told whom to ask.", everyone, outsiders: false);
        }

        AccessRole[] referralReaders = [Coordinator, NeighbourhoodMother, PartnerStaff];
        Verb(rows, "referral.form", "The referral form.", [Coordinator, PartnerStaff]);
        Verb(rows, "referral.submit", "Sends a referral with the woman's recorded consent.", [Coordinator, PartnerStaff]);
        Verb(rows, "referral.list", "Her list of referrals, in her view (a teacher's is empty).", [Coordinator, NeighbourhoodMother, PartnerStaff, Teacher]);
        Verb(rows, "referral.open", "Opens one referral in her view: the coordinator, the assigned mother, the referring organisation's staff.", referralReaders);
        Verb(rows, "referral.refresh", "Refreshes a referral's card in her view.", referralReaders);
        Verb(rows, "referral.accept", "The coordinator accepts a referral.", [Coordinator]);
        Verb(rows, "referral.decline", "The coordinator declines a referral, with a reason.", [Coordinator]);
        Verb(rows, "referral.assign", "The coordinator assigns a referral to a neighbourhood mother.", [Coordinator]);
        Verb(rows, "referral.contact", "Records that the woman was contacted: the coordinator or the assigned mother.", [Coordinator, NeighbourhoodMother]);
        Verb(rows, "referral.close", "Closes a referral with its outcome: the coordinator or the assigned mother.", [Coordinator, NeighbourhoodMother]);
        Verb(rows, "referral.notes", "The assigned mother's notes (the coordinator's too).", [Coordinator, NeighbourhoodMother]);
        Verb(rows, "referral.withdraw", "Withdraws a referral (the woman changed her mind): the coordinator, the assigned mother, the referring organisation's staff.", referralReaders);

        Verb(rows, "referral.referOnward", "Refers the woman on to a service in the directory.", [Coordinator]);
        Verb(rows, "onward.accept", "The receiving service accepts an onward referral.", [PartnerStaff]);
        Verb(rows, "onward.decline", "The receiving service declines an onward referral.", [PartnerStaff]);

        AddSessionVerbs(rows);
        AddCourseVerbs(rows);

        foreach (var verb in new[] { "directory.show", "directory.organisation.edit", "directory.organisation.save", "directory.member.edit", "directory.member.save", "directory.member.remove" })
        {
            Verb(rows, verb, "The partner directory: shows, adds, changes or removes organisations and people.", [Coordinator]);
        }

        Verb(rows, "outreach.form", "The outreach log's form.", [NeighbourhoodMother]);
        Verb(rows, "outreach.log", "Logs an outreach contact (counts, no personal data).", [NeighbourhoodMother]);
    }

    private static void AddSessionVerbs(List<AccessRow> rows)
    {
        foreach (var verb in new[] { "session.new", "session.save", "session.edit", "session.cancel", "session.attendance.form", "session.attendance.save", "session.minutes.form", "session.minutes.save", "session.minutes.attach", "session.retry", "session.outlook.adopt" })
        {
            Verb(rows, verb, "Plans, changes or cancels a supervision session, records attendance and minutes.", [Coordinator]);
        }

        foreach (var verb in new[] { "session.open", "session.refresh" })
        {
            Verb(rows, verb, "A session's card, for the coordinator and the invitees.", [Coordinator, NeighbourhoodMother, PartnerStaff]);
        }

        Verb(rows, "session.respond", "An invitee answers whether she comes.", [NeighbourhoodMother, PartnerStaff]);
    }

    private static void AddCourseVerbs(List<AccessRow> rows)
    {
        foreach (var verb in new[]
        {
            "course.create", "course.plan.open", "course.session.move", "course.session.cancel", "course.excursion.add",
            "course.attendance.open", "course.attendance.save", "course.booking.request", "course.booking.acceptProposal", "course.booking.replace",
            "course.certificates.open", "course.certificates.issue", "course.participant.makeMother",
        })
        {
            Verb(rows, verb, "The course: plans a cohort, records attendance, books teachers, issues certificates.", [Coordinator]);
        }

        Verb(rows, "course.refresh", "Refreshes a course card: the coordinator's, a teacher's booking, a participant's own.", [Coordinator, Teacher]);
        Verb(rows, "course.session.open", "A course session's card: the coordinator's, or the booked teacher's booking for it (the cohort's size, no names).", [Coordinator, Teacher]);
        Verb(rows, "course.booking.open", "A teacher booking's card, for the coordinator and the booked teacher.", [Coordinator, Teacher]);
        foreach (var verb in new[] { "course.booking.accept", "course.booking.decline", "course.booking.propose" })
        {
            Verb(rows, verb, "The booked teacher answers a booking.", [Teacher]);
        }
    }

    /// <param name="outsiders">Whether the coordinator of another project and someone in no project are refused (project verbs) or not rows here.</param>
    private static void Verb(List<AccessRow> rows, string verb, string description, AccessRole[] allowed, bool outsiders = true)
    {
        var surface = new AccessSurface(SurfaceKind.CardVerb, verb, description);
        foreach (var role in new[] { Coordinator, NeighbourhoodMother, PartnerStaff, Teacher })
        {
            rows.Add(new AccessRow(surface, role, allowed.Contains(role) ? Allowed : ErrorCard));
        }

        rows.Add(new AccessRow(surface, OtherProjectMember, outsiders ? ErrorCard : Allowed));
        rows.Add(new AccessRow(surface, Newcomer, ErrorCard));
    }

    private static void AddTabPages(List<AccessRow> rows)
    {
        Page(rows, "Referrals", "Henvisninger: the project's referrals, the audit of who read or changed them.", Coordinator);
        Page(rows, "Partners", "Partnere: the partner directory.", Coordinator);
        Page(rows, "Sessions", "Møder: supervision sessions, attendance and minutes.", Coordinator);
        Page(rows, "Course", "Kursus: cohorts, plan, attendance, bookings, certificates.", Coordinator);
        Page(rows, "Report", "Rapport: the funder report and its threshold (counts only).", Coordinator);
        Page(rows, "PartnerReferrals", "Her organisation's referrals.", PartnerStaff);
        Page(rows, "PartnerReferralForm", "The referral form.", PartnerStaff);
        Page(rows, "MotherWomen", "The women assigned to her, and her outreach log.", NeighbourhoodMother);
        Page(rows, "AuditTrail", "Revisionsspor: who read or changed the project's records, by period, person and record; CSV download. Every look is audited.", Coordinator);
        Page(rows, "Programme", "The combined report of the projects she leads (counts only).", ProgrammeLead);
        Page(rows, "Administration", "Projects and their coordinators; only beside another page of hers.");
    }

    private static void Page(List<AccessRow> rows, string page, string description, params AccessRole[] allowed)
    {
        var surface = new AccessSurface(SurfaceKind.TabPage, page, description);
        foreach (var role in new[] { Coordinator, NeighbourhoodMother, PartnerStaff, Teacher, Administrator, ProgrammeLead })
        {
            rows.Add(new AccessRow(surface, role, allowed.Contains(role) ? Allowed : NotShown));
        }
    }
}
