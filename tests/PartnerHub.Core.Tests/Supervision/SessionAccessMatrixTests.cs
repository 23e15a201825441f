using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Core.Tests.Referrals;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

/// <summary>How the actor stands to the session in one matrix cell.</summary>
public enum SessionRelation
{
    /// <summary>No session at all (session = null): Create.</summary>
    NoSession,

    /// <summary>Same project; the actor's object id is an invitee's (for a mother Amina, for partner staff the kindergarten's staff member; for other roles Amina's id with their own role).</summary>
    Invitee,

    /// <summary>Same project, not invited.</summary>
    NotInvited,

    /// <summary>Another project, although the object id is an invitee's.</summary>
    OtherProject,
}

/// <summary>ARCHITECTURE §7 for sessions as an explicit table: every role × relation × action is one theory row.</summary>
public class SessionAccessMatrixTests
{
    private static readonly SessionAction[] Columns =
    [
        SessionAction.Create, SessionAction.View, SessionAction.Edit, SessionAction.Cancel, SessionAction.Respond,
        SessionAction.RecordAttendance, SessionAction.AddMinutes,
    ];

    // Y = allowed, - = denied. The session invites Amina, Hodan and the kindergarten's staff member.
    private const string Expected = """
        role                relation     Create View Edit Cancel Respond RecordAttendance AddMinutes
        Coordinator         NoSession    Y      -    -    -      -       -                -
        Coordinator         Invitee      -      Y    Y    Y      -       Y                Y
        Coordinator         NotInvited   -      Y    Y    Y      -       Y                Y
        Coordinator         OtherProject -      -    -    -      -       -                -
        NeighbourhoodMother NoSession    -      -    -    -      -       -                -
        NeighbourhoodMother Invitee      -      Y    -    -      Y       -                -
        NeighbourhoodMother NotInvited   -      -    -    -      -       -                -
        NeighbourhoodMother OtherProject -      -    -    -      -       -                -
        PartnerStaff        NoSession    -      -    -    -      -       -                -
        PartnerStaff        Invitee      -      Y    -    -      Y       -                -
        PartnerStaff        NotInvited   -      -    -    -      -       -                -
        PartnerStaff        OtherProject -      -    -    -      -       -                -
        Teacher             NoSession    -      -    -    -      -       -                -
        Teacher             Invitee      -      -    -    -      -       -                -
        Teacher             NotInvited   -      -    -    -      -       -                -
        Teacher             OtherProject -      -    -    -      -       -                -
        """;

    public static TheoryData<ProjectRole, SessionRelation, SessionAction, bool> Cells => MatrixTable.Parse<ProjectRole, SessionRelation, SessionAction>(Expected, Columns);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Access_matrix(ProjectRole role, SessionRelation relation, SessionAction action, bool allowed)
    {
        var session = relation == SessionRelation.NoSession ? null : Scheduled();
        Assert.Equal(allowed, SessionAccess.Allows(ActorFor(role, relation), action, session));
    }

    [Fact]
    public void The_table_has_exactly_one_cell_for_every_role_relation_and_action()
    {
        var cells = Cells.Select(row => ((ProjectRole)row[0], (SessionRelation)row[1], (SessionAction)row[2])).ToList();
        Assert.Equal(Enum.GetValues<ProjectRole>().Length * Enum.GetValues<SessionRelation>().Length * Enum.GetValues<SessionAction>().Length, cells.Count);
        Assert.Equal(cells.Count, cells.Distinct().Count());
    }

    [Fact]
    public void Access_does_not_depend_on_the_session_state()
    {
        foreach (var session in new[] { Answered(), Held(), Cancelled() })
        {
            foreach (var row in Cells.Where(row => (SessionRelation)row[1] != SessionRelation.NoSession))
            {
                var (role, relation, action, allowed) = ((ProjectRole)row[0], (SessionRelation)row[1], (SessionAction)row[2], (bool)row[3]);
                Assert.True(allowed == SessionAccess.Allows(ActorFor(role, relation), action, session), $"{session.State}: {role} {relation} {action}");
            }
        }
    }

    [Fact]
    public void A_removed_invitee_sees_nothing_any_more()
    {
        var session = Scheduled() with { Invitees = [.. Scheduled().Invitees.Where(i => i.ObjectId != Amina)] };
        Assert.All(Enum.GetValues<SessionAction>(), action => Assert.False(SessionAccess.Allows(MotherAmina, action, session)));
    }

    [Fact]
    public void A_coordinator_who_did_not_organise_the_session_manages_it_too()
    {
        var colleague = new Actor("coord-2", ProjectId, ProjectRole.Coordinator, null);
        Assert.True(SessionAccess.Allows(colleague, SessionAction.Edit, Scheduled()));
    }

    [Fact]
    public void Null_actor_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => SessionAccess.Allows(null!, SessionAction.View, null));

    internal static Actor ActorFor(ProjectRole role, SessionRelation relation)
    {
        var inviteeId = role == ProjectRole.PartnerStaff ? Staff : Amina;
        return relation switch
        {
            SessionRelation.NoSession => new(inviteeId, ProjectId, role, null),
            SessionRelation.Invitee => new(inviteeId, ProjectId, role, null),
            SessionRelation.NotInvited => new(role == ProjectRole.Coordinator ? CoordinatorId : Leyla, ProjectId, role, null),
            SessionRelation.OtherProject => new(inviteeId, OtherProjectId, role, null),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
        };
    }
}
