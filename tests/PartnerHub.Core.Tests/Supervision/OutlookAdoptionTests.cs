using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

/// <summary>A meeting the coordinator made in Outlook with the PartnerHub category: adopted, followed and ended.</summary>
public class OutlookAdoptionTests
{
    private const string EventId = "AAMkAGI2-event-1";
    private const string Jette = "Jette Hansen (Sundhedsplejen)";

    private static OutlookMeeting Meeting(params OutlookAttendee[] attendees) => new(
        EventId,
        "ical-1",
        "Supervision april",
        Start,
        End,
        "Vollsmose Kulturhus, lokale 2",
        IsOnline: false,
        JoinUrl: null,
        Categories: [OutlookCategory.Name],
        IsOrganizer: true,
        IsPrivate: false,
        IsRecurring: false,
        IsCancelled: false,
        IsDeleted: false,
        Attendees: attendees.Length > 0 ? attendees : [new(Amina, "Amina"), new(Hodan, "Hodan"), new(null, Jette)]);

    private static SupervisionSession Adopted(OutlookMeeting? meeting = null)
    {
        var from = meeting ?? Meeting();
        return OutlookAdoption.Adopt("s-adopted0001", ProjectId, CoordinatorId, from, OutlookAdoption.Sort(from, CoordinatorId, Members), Now)!;
    }

    [Fact]
    public void A_meeting_with_the_category_in_her_one_project_is_adopted_there()
    {
        var decision = OutlookAdoption.Decide(Meeting(), null, [ProjectId], null, Now);

        Assert.Equal(new AdoptionDecision(AdoptionStep.Adopt, ProjectId), decision);
    }

    [Fact]
    public void The_category_is_matched_whatever_its_case_and_spacing()
    {
        var meeting = Meeting() with { Categories = ["Rød kategori", "  partnerhub – SUPERVISION "] };

        Assert.Equal(AdoptionStep.Adopt, OutlookAdoption.Decide(meeting, null, [ProjectId], null, Now).Step);
    }

    [Fact]
    public void A_coordinator_of_several_projects_is_asked_which_one()
    {
        var decision = OutlookAdoption.Decide(Meeting(), null, [ProjectId, OtherProjectId], null, Now);

        Assert.Equal(AdoptionStep.AskProject, decision.Step);
        Assert.Equal([ProjectId, OtherProjectId], decision.Projects);
    }

    [Fact]
    public void The_project_she_marked_decides_when_she_coordinates_several()
    {
        var decision = OutlookAdoption.Decide(Meeting(), null, [ProjectId, OtherProjectId], OtherProjectId, Now);

        Assert.Equal(new AdoptionDecision(AdoptionStep.Adopt, OtherProjectId), decision);
    }

    [Fact]
    public void A_mark_for_a_project_she_does_not_coordinate_counts_for_nothing()
    {
        var decision = OutlookAdoption.Decide(Meeting(), null, [ProjectId, OtherProjectId], "someone-elses", Now);

        Assert.Equal(AdoptionStep.AskProject, decision.Step);
    }

    [Theory]
    [InlineData("noCategory")]
    [InlineData("notOrganizer")]
    [InlineData("cancelled")]
    [InlineData("deleted")]
    [InlineData("past")]
    [InlineData("noProjects")]
    public void Meetings_that_are_not_sessions_are_ignored(string why)
    {
        var meeting = Meeting();
        IReadOnlyList<string> projects = [ProjectId];
        switch (why)
        {
            case "noCategory": meeting = meeting with { Categories = ["Privat"] }; break;
            case "notOrganizer": meeting = meeting with { IsOrganizer = false }; break;
            case "cancelled": meeting = meeting with { IsCancelled = true }; break;
            case "deleted": meeting = meeting with { IsDeleted = true }; break;
            case "past": meeting = meeting with { Start = Now.AddHours(-3), End = Now.AddHours(-1) }; break;
            default: projects = []; break;
        }

        Assert.Equal(AdoptionDecision.Ignore, OutlookAdoption.Decide(meeting, null, projects, null, Now));
    }

    [Fact]
    public void A_recurring_meeting_is_refused_so_she_can_be_told()
    {
        var decision = OutlookAdoption.Decide(Meeting() with { IsRecurring = true }, null, [ProjectId], null, Now);

        Assert.Equal(AdoptionStep.RefuseRecurring, decision.Step);
    }

    [Fact]
    public void Mothers_and_partner_staff_get_cards_and_everyone_else_is_outside()
    {
        var meeting = Meeting(
            new(Amina, "Amina", Rsvp.Accepted),
            new(Staff, "Birthe"),
            new(TeacherId, "Karen Lærer"),
            new("mother-other-project", "Sara"),
            new(null, Jette),
            new(CoordinatorId, "Mette"),
            new(Amina, "Amina again"));

        // The directory's members of this project: Sara is a mother in another project.
        var sorted = OutlookAdoption.Sort(meeting, CoordinatorId, [.. Members.Where(m => m.ProjectId == ProjectId)]);

        Assert.Equal([new SessionInvitation(Amina, ProjectRole.NeighbourhoodMother), new SessionInvitation(Staff, ProjectRole.PartnerStaff)], sorted.Invitations);
        Assert.Equal(["Karen Lærer", "Sara", Jette], sorted.Outside);
        Assert.Equal(Rsvp.Accepted, sorted.Answers[Amina]);
    }

    [Fact]
    public void The_adopted_session_is_the_meeting_marked_as_from_Outlook()
    {
        var meeting = Meeting(new OutlookAttendee(Amina, "Amina", Rsvp.Accepted), new(Hodan, "Hodan"), new(null, Jette));

        var session = Adopted(meeting);

        Assert.True(session.FromOutlook);
        Assert.Equal(SessionState.Scheduled, session.State);
        Assert.Equal("Supervision april", session.Title);
        Assert.Equal("Vollsmose Kulturhus, lokale 2", session.Place);
        Assert.Equal(Start.ToUniversalTime(), session.Start);
        Assert.Equal(EventId, session.CalendarEventId);
        Assert.Equal("ical-1", session.CalendarICalUId);
        Assert.Equal([Amina, Hodan], session.Invitees.Select(i => i.ObjectId));
        Assert.Equal([Rsvp.Accepted, Rsvp.None], session.Invitees.Select(i => i.Rsvp));
        Assert.Equal([Jette], session.OutsideAttendees);
        Assert.Equal(SessionEventKind.AdoptedFromOutlook, Assert.Single(session.History).Kind);
        Assert.Equal(1, session.Version);
    }

    [Fact]
    public void A_private_appointment_with_no_mothers_invited_is_not_adopted()
    {
        var meeting = Meeting(new OutlookAttendee(null, "Tandlæge")) with { IsPrivate = true };

        Assert.Null(OutlookAdoption.Adopt("s-x", ProjectId, CoordinatorId, meeting, OutlookAdoption.Sort(meeting, CoordinatorId, Members), Now));
    }

    [Fact]
    public void A_private_meeting_keeps_its_subject_out_of_PartnerHub()
    {
        var session = Adopted(Meeting() with { IsPrivate = true, Subject = "Samtale om Aminas familie" });

        Assert.Equal("Supervision", session.Title);
    }

    [Fact]
    public void An_online_meeting_has_its_join_link_and_no_place()
    {
        var session = Adopted(Meeting() with { IsOnline = true, JoinUrl = "https://teams.microsoft.com/l/meetup-join/x" });

        Assert.True(session.IsOnline);
        Assert.Null(session.Place);
        Assert.Equal("https://teams.microsoft.com/l/meetup-join/x", session.OnlineJoinUrl);
    }

    [Fact]
    public void Seeing_the_same_meeting_again_changes_nothing()
    {
        var session = Adopted();
        var meeting = Meeting();

        Assert.Equal(AdoptionStep.Update, OutlookAdoption.Decide(meeting, session, [ProjectId], null, Now).Step);
        var result = OutlookAdoption.Update(session, meeting, OutlookAdoption.Sort(meeting, CoordinatorId, Members), Now);

        Assert.True(result.Succeeded);
        Assert.False(result.Changed);
    }

    [Fact]
    public void A_move_in_Outlook_moves_the_session_and_resets_the_answers()
    {
        var session = Adopted(Meeting(new OutlookAttendee(Amina, "Amina", Rsvp.Accepted)));
        var moved = Meeting(new OutlookAttendee(Amina, "Amina")) with { Start = Start.AddDays(1), End = End.AddDays(1) };

        var result = OutlookAdoption.Update(session, moved, OutlookAdoption.Sort(moved, CoordinatorId, Members), Later);

        var after = result.Session!;
        Assert.Equal(Start.AddDays(1).ToUniversalTime(), after.Start);
        Assert.Equal(Rsvp.None, Assert.Single(after.Invitees).Rsvp);
        Assert.Equal(new SessionEvent(SessionEventKind.UpdatedInOutlook, Later, ProjectRole.Coordinator, TimesChanged: true), after.History[^1]);
        Assert.Equal(2, after.Version);
    }

    [Fact]
    public void An_attendee_added_in_Outlook_is_invited_and_one_removed_is_no_longer()
    {
        var session = Adopted(Meeting(new OutlookAttendee(Amina, "Amina", Rsvp.Accepted), new(Hodan, "Hodan")));
        var changed = Meeting(new OutlookAttendee(Amina, "Amina", Rsvp.Accepted), new(Leyla, "Leyla"));

        var after = OutlookAdoption.Update(session, changed, OutlookAdoption.Sort(changed, CoordinatorId, Members), Later).Session!;

        Assert.Equal([Amina, Leyla], after.Invitees.Select(i => i.ObjectId));
        Assert.Equal(Rsvp.Accepted, after.InviteeOf(Amina)!.Rsvp);
        Assert.Equal(Rsvp.None, after.InviteeOf(Leyla)!.Rsvp);
        Assert.Equal(new SessionEvent(SessionEventKind.UpdatedInOutlook, Later, ProjectRole.Coordinator), after.History[^1]);
    }

    [Fact]
    public void An_answer_given_in_Outlook_is_taken_without_history_and_none_never_wipes_a_card_answer()
    {
        var session = Adopted(Meeting(new OutlookAttendee(Amina, "Amina"), new(Hodan, "Hodan")));
        session = session with { Invitees = [session.Invitees[0], session.Invitees[1] with { Rsvp = Rsvp.Declined, RespondedAt = Now }] };
        var answered = Meeting(new OutlookAttendee(Amina, "Amina", Rsvp.Tentative), new(Hodan, "Hodan", Rsvp.None));

        var after = OutlookAdoption.Update(session, answered, OutlookAdoption.Sort(answered, CoordinatorId, Members), Later).Session!;

        Assert.Equal(Rsvp.Tentative, after.InviteeOf(Amina)!.Rsvp);
        Assert.Equal(Rsvp.Declined, after.InviteeOf(Hodan)!.Rsvp);
        Assert.Equal(session.History, after.History);
    }

    [Theory]
    [InlineData(false, false, SessionEventKind.EndedInOutlook)]
    [InlineData(true, false, SessionEventKind.CancelledInOutlook)]
    [InlineData(false, true, SessionEventKind.CancelledInOutlook)]
    public void Taking_the_category_off_or_cancelling_or_deleting_ends_the_session(bool cancelled, bool deleted, SessionEventKind kind)
    {
        var session = Adopted();
        var meeting = Meeting() with { Categories = cancelled || deleted ? [OutlookCategory.Name] : [], IsCancelled = cancelled, IsDeleted = deleted };

        Assert.Equal(AdoptionStep.End, OutlookAdoption.Decide(meeting, session, [ProjectId], null, Later).Step);
        var after = OutlookAdoption.End(session, meeting, Later).Session!;

        Assert.Equal(SessionState.Cancelled, after.State);
        Assert.Equal(kind, after.History[^1].Kind);
    }

    [Fact]
    public void An_ended_session_stays_ended_and_a_PartnerHub_session_is_left_to_the_classic_path()
    {
        var ended = OutlookAdoption.End(Adopted(), Meeting() with { Categories = [] }, Later).Session!;

        Assert.Equal(AdoptionDecision.Ignore, OutlookAdoption.Decide(Meeting(), ended, [ProjectId], null, Later));
        Assert.False(OutlookAdoption.End(ended, Meeting(), Later).Changed);
        Assert.Equal(AdoptionDecision.Ignore, OutlookAdoption.Decide(Meeting() with { Categories = [] }, Scheduled(), [ProjectId], null, Later));
    }

    [Fact]
    public void A_held_session_is_not_changed_by_a_later_edit_in_Outlook()
    {
        var held = Adopted() with { State = SessionState.Held };
        var moved = Meeting() with { Start = Start.AddDays(1), End = End.AddDays(1) };

        Assert.False(OutlookAdoption.Update(held, moved, OutlookAdoption.Sort(moved, CoordinatorId, Members), Later).Changed);
    }

    [Fact]
    public void Long_subjects_and_places_are_cut_to_what_a_session_holds()
    {
        var session = Adopted(Meeting() with { Subject = new string('a', 300), Location = new string('b', 400) });

        Assert.Equal(SessionForm.MaxTitleLength, session.Title.Length);
        Assert.Equal(SessionForm.MaxPlaceLength, session.Place!.Length);
    }

    [Fact]
    public void An_adopted_session_is_moved_in_Outlook_not_on_a_card()
    {
        var session = Adopted();
        var edit = new RescheduleSession(Start.AddDays(1), End.AddDays(1), "Et andet sted", false, session.Title, string.Empty, [new(Amina, ProjectRole.NeighbourhoodMother)]);

        Assert.Equal(SessionError.InvalidTransition, SessionWorkflow.Apply(session, edit, Coordinator, Now).Error);
        Assert.True(SessionWorkflow.Apply(session, new CancelSession(), Coordinator, Now).Changed);
    }

    private static readonly DateTimeOffset Later = Now.AddHours(1);
}
