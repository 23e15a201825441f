using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

public enum OnwardRelation
{
    /// <summary>No onward referral yet (onward = null): Create.</summary>
    NoOnward,

    /// <summary>Same project, the actor works for the receiving organisation.</summary>
    ReceivingOrganisation,

    /// <summary>Same project, another organisation (e.g. the original referrer).</summary>
    OtherOrganisation,

    /// <summary>Another project, although the organisation id matches the receiving one.</summary>
    OtherProject,
}

public class OnwardReferralTests
{
    private const string JobCentre = "org-jobcenter";
    private static readonly Organisation JobCentreOrganisation = new(JobCentre, Fixtures.Project, OrganisationKind.JobCentre, "Jobcenter Odense", ReceivesOnwardReferrals: true);
    private static readonly DateTimeOffset Later = Fixtures.Now.AddDays(2);

    private static readonly OnwardAction[] Columns = [OnwardAction.Create, OnwardAction.View, OnwardAction.Answer];

    // Y = allowed, - = denied. The onward referral goes to the job centre.
    private const string Expected = """
        role                relation               Create View Answer
        Coordinator         NoOnward               Y      -    -
        Coordinator         ReceivingOrganisation  -      Y    -
        Coordinator         OtherOrganisation      -      Y    -
        Coordinator         OtherProject           -      -    -
        NeighbourhoodMother NoOnward               -      -    -
        NeighbourhoodMother ReceivingOrganisation  -      -    -
        NeighbourhoodMother OtherOrganisation      -      -    -
        NeighbourhoodMother OtherProject           -      -    -
        PartnerStaff        NoOnward               -      -    -
        PartnerStaff        ReceivingOrganisation  -      Y    Y
        PartnerStaff        OtherOrganisation      -      -    -
        PartnerStaff        OtherProject           -      -    -
        Teacher             NoOnward               -      -    -
        Teacher             ReceivingOrganisation  -      -    -
        Teacher             OtherOrganisation      -      -    -
        Teacher             OtherProject           -      -    -
        """;

    public static TheoryData<ProjectRole, OnwardRelation, OnwardAction, bool> Cells => MatrixTable.Parse<ProjectRole, OnwardRelation, OnwardAction>(Expected, Columns);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Access_matrix(ProjectRole role, OnwardRelation relation, OnwardAction action, bool allowed)
    {
        var onward = relation == OnwardRelation.NoOnward ? null : Sent();
        Assert.Equal(allowed, OnwardAccess.Allows(ActorFor(role, relation), action, onward));
    }

    [Fact]
    public void The_table_has_exactly_one_cell_for_every_role_relation_and_action()
    {
        var cells = Cells.Select(row => ((ProjectRole)row[0], (OnwardRelation)row[1], (OnwardAction)row[2])).ToList();
        Assert.Equal(48, cells.Count);
        Assert.Equal(cells.Count, cells.Distinct().Count());
    }

    [Fact]
    public void Send_records_who_sent_what_to_whom_without_personal_data()
    {
        var referral = Fixtures.InState(ReferralState.Contacted);
        var onward = OnwardReferral.Send("onw-1", referral, JobCentreOrganisation, NeedCategories.Work, Fixtures.Coordinator, Fixtures.Now);

        Assert.Equal("onw-1", onward.Id);
        Assert.Equal(Fixtures.Project, onward.ProjectId);
        Assert.Equal(referral.Id, onward.ReferralId);
        Assert.Equal(JobCentre, onward.ToOrganisationId);
        Assert.Equal(OnwardState.Sent, onward.State);
        Assert.Equal(Fixtures.Now, onward.SentAt);
        Assert.Equal(Fixtures.Coordinator.ObjectId, onward.SentByObjectId);
        Assert.Equal(NeedCategories.Work, onward.Needs);
        Assert.Null(onward.AnsweredAt);
        Assert.Null(onward.AnsweredByObjectId);
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.PartnerStaff)]
    [InlineData(ProjectRole.Teacher)]
    public void Only_a_coordinator_sends(ProjectRole role)
    {
        var actor = new Actor("someone", Fixtures.Project, role, JobCentre);
        Assert.Throws<UnauthorizedAccessException>(() =>
            OnwardReferral.Send("onw-1", Fixtures.InState(ReferralState.Contacted), JobCentreOrganisation, NeedCategories.Work, actor, Fixtures.Now));
    }

    [Fact]
    public void A_coordinator_of_another_project_cannot_send()
    {
        var stranger = new Actor("coord-2", Fixtures.OtherProject, ProjectRole.Coordinator, null);
        Assert.Throws<UnauthorizedAccessException>(() =>
            OnwardReferral.Send("onw-1", Fixtures.InState(ReferralState.Contacted), JobCentreOrganisation, NeedCategories.Work, stranger, Fixtures.Now));
    }

    [Fact]
    public void Only_to_a_service_in_the_projects_directory_that_receives_onward_referrals()
    {
        var referral = Fixtures.InState(ReferralState.Contacted);
        var kindergarten = new Organisation("org-kita", Fixtures.Project, OrganisationKind.Kindergarten, "Solsikken", ReceivesOnwardReferrals: false);
        var elsewhere = JobCentreOrganisation with { ProjectId = Fixtures.OtherProject };

        Assert.Throws<ArgumentException>(() => OnwardReferral.Send("onw-1", referral, kindergarten, NeedCategories.Work, Fixtures.Coordinator, Fixtures.Now));
        Assert.Throws<ArgumentException>(() => OnwardReferral.Send("onw-1", referral, elsewhere, NeedCategories.Work, Fixtures.Coordinator, Fixtures.Now));
    }

    [Fact]
    public void Not_once_consent_is_withdrawn_or_her_data_erased()
    {
        var erasedAfterClosing = Fixtures.InState(ReferralState.Closed).Erased(Fixtures.Now);
        Assert.Throws<InvalidOperationException>(() =>
            OnwardReferral.Send("onw-1", Fixtures.InState(ReferralState.Withdrawn), JobCentreOrganisation, NeedCategories.Work, Fixtures.Coordinator, Fixtures.Now));
        Assert.Throws<InvalidOperationException>(() =>
            OnwardReferral.Send("onw-1", erasedAfterClosing, JobCentreOrganisation, NeedCategories.Work, Fixtures.Coordinator, Fixtures.Now));
    }

    [Theory]
    [InlineData(true, OnwardState.Accepted)]
    [InlineData(false, OnwardState.Declined)]
    public void The_receiving_organisations_staff_answer(bool accept, OnwardState expected)
    {
        var staff = ActorFor(ProjectRole.PartnerStaff, OnwardRelation.ReceivingOrganisation);
        var result = Sent().Answer(accept, staff, Later);

        Assert.True(result.Succeeded);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Onward!.State);
        Assert.Equal(Later, result.Onward.AnsweredAt);
        Assert.Equal(staff.ObjectId, result.Onward.AnsweredByObjectId);
        Assert.Equal(Fixtures.Now, result.Onward.SentAt);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Only_once(bool first, bool second)
    {
        var staff = ActorFor(ProjectRole.PartnerStaff, OnwardRelation.ReceivingOrganisation);
        var answered = Sent().Answer(first, staff, Later).Onward!;

        var again = answered.Answer(second, staff, Later.AddHours(1));

        Assert.False(again.Succeeded);
        Assert.Equal(TransitionError.InvalidTransition, again.Error);
        Assert.Null(again.Onward);
    }

    [Theory]
    [InlineData(ProjectRole.Coordinator, OnwardRelation.ReceivingOrganisation)]
    [InlineData(ProjectRole.NeighbourhoodMother, OnwardRelation.ReceivingOrganisation)]
    [InlineData(ProjectRole.Teacher, OnwardRelation.ReceivingOrganisation)]
    [InlineData(ProjectRole.PartnerStaff, OnwardRelation.OtherOrganisation)]
    [InlineData(ProjectRole.PartnerStaff, OnwardRelation.OtherProject)]
    public void Everybody_else_is_forbidden_even_after_an_answer(ProjectRole role, OnwardRelation relation)
    {
        var actor = ActorFor(role, relation);
        var staff = ActorFor(ProjectRole.PartnerStaff, OnwardRelation.ReceivingOrganisation);

        var first = Sent().Answer(true, actor, Later);
        var afterAnswer = Sent().Answer(true, staff, Later).Onward!.Answer(false, actor, Later);

        Assert.Equal(TransitionError.Forbidden, first.Error);
        Assert.Null(first.Onward);
        Assert.Equal(TransitionError.Forbidden, afterAnswer.Error);
    }

    [Fact]
    public void Null_actor_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => OnwardAccess.Allows(null!, OnwardAction.View, null));

    private static OnwardReferral Sent() =>
        OnwardReferral.Send("onw-1", Fixtures.InState(ReferralState.Contacted), JobCentreOrganisation, NeedCategories.Work, Fixtures.Coordinator, Fixtures.Now);

    private static Actor ActorFor(ProjectRole role, OnwardRelation relation) => relation switch
    {
        OnwardRelation.NoOnward => new("person-x", Fixtures.Project, role, JobCentre),
        OnwardRelation.ReceivingOrganisation => new("person-x", Fixtures.Project, role, JobCentre),
        OnwardRelation.OtherOrganisation => new("person-x", Fixtures.Project, role, Fixtures.ReferrerOrganisation),
        OnwardRelation.OtherProject => new("person-x", Fixtures.OtherProject, role, JobCentre),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };
}
