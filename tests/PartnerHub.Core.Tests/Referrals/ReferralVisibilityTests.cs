using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

/// <summary>
/// Who sees which field of a referral and may do what from her view (<see cref="ReferralVisibility"/>), as one table:
/// viewer × state × field and action. The cards and REST both project this rule; a change to it fails exactly the
/// cells it touches. The referral was made by the kindergarten with the phone as channel; from Assigned on it is
/// assigned to mother-amina. "ClosedErased" is a closed referral after retention erasure; Withdrawn is erased too.
/// </summary>
public class ReferralVisibilityTests
{
    private static readonly ReferralField[] FieldColumns =
    [
        ReferralField.FirstName, ReferralField.Timeline, ReferralField.Needs, ReferralField.Languages, ReferralField.Area, ReferralField.Contact,
        ReferralField.Phone, ReferralField.Note, ReferralField.Consent, ReferralField.DeclineReason, ReferralField.Outcome,
        ReferralField.ReferrerOrganisation, ReferralField.Referrer, ReferralField.MotherFirstName, ReferralField.MotherId, ReferralField.MotherNotes,
    ];

    private static readonly ReferralAction[] ActionColumns =
    [
        ReferralAction.Accept, ReferralAction.Decline, ReferralAction.Assign, ReferralAction.RecordContact, ReferralAction.Close,
        ReferralAction.Withdraw, ReferralAction.EditNotes, ReferralAction.ReferOnward,
    ];

    // Y = shown / offered, - = not. view: coor(dinator), moth(er), stat(us), none.
    private const string Expected = """
        viewer            state        view  Name Time Need Lang Area Cont Phon Note Cons Decl Outc ROrg Refr MNam MoId MNot  acc dec asg con clo wdr not onw
        Coordinator       Submitted    coor  Y    Y    Y    Y    Y    Y    -    Y    Y    Y    Y    Y    Y    Y    Y    Y     Y   Y   Y   -   -   Y   -   Y
        Coordinator       Accepted     coor  Y    Y    Y    Y    Y    Y    -    Y    Y    Y    Y    Y    Y    Y    Y    Y     -   Y   Y   -   -   Y   -   Y
        Coordinator       Declined     coor  Y    Y    Y    Y    Y    Y    -    Y    Y    Y    Y    Y    Y    Y    Y    Y     -   -   -   -   -   -   -   -
        Coordinator       Assigned     coor  Y    Y    Y    Y    Y    Y    -    Y    Y    Y    Y    Y    Y    Y    Y    Y     -   -   Y   Y   Y   Y   Y   Y
        Coordinator       Contacted    coor  Y    Y    Y    Y    Y    Y    -    Y    Y    Y    Y    Y    Y    Y    Y    Y     -   -   Y   -   Y   Y   Y   Y
        Coordinator       Closed       coor  Y    Y    Y    Y    Y    Y    -    Y    Y    Y    Y    Y    Y    Y    Y    Y     -   -   -   -   -   -   Y   Y
        Coordinator       Withdrawn    coor  -    Y    Y    -    -    -    -    -    -    Y    Y    Y    Y    Y    Y    -     -   -   -   -   -   -   -   -
        Coordinator       ClosedErased coor  -    Y    Y    -    -    -    -    -    -    Y    Y    Y    Y    Y    Y    -     -   -   -   -   -   -   -   -
        AssignedMother    Submitted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        AssignedMother    Accepted     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        AssignedMother    Declined     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        AssignedMother    Assigned     moth  Y    Y    Y    Y    Y    Y    Y    Y    -    -    Y    -    -    -    -    Y     -   -   -   Y   Y   Y   Y   -
        AssignedMother    Contacted    moth  Y    Y    Y    Y    Y    Y    Y    Y    -    -    Y    -    -    -    -    Y     -   -   -   -   Y   Y   Y   -
        AssignedMother    Closed       moth  Y    Y    Y    Y    Y    Y    Y    Y    -    -    Y    -    -    -    -    Y     -   -   -   -   -   -   Y   -
        AssignedMother    Withdrawn    moth  -    Y    Y    -    -    -    -    -    -    -    Y    -    -    -    -    -     -   -   -   -   -   -   -   -
        AssignedMother    ClosedErased moth  -    Y    Y    -    -    -    -    -    -    -    Y    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Submitted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Accepted     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Declined     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Assigned     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Contacted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Closed       none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       Withdrawn    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherMother       ClosedErased none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        ReferrerStaff     Submitted    stat  Y    Y    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   Y   -   -
        ReferrerStaff     Accepted     stat  Y    Y    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   Y   -   -
        ReferrerStaff     Declined     stat  Y    Y    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        ReferrerStaff     Assigned     stat  Y    Y    -    -    -    -    -    -    -    -    -    -    -    Y    -    -     -   -   -   -   -   Y   -   -
        ReferrerStaff     Contacted    stat  Y    Y    -    -    -    -    -    -    -    -    -    -    -    Y    -    -     -   -   -   -   -   Y   -   -
        ReferrerStaff     Closed       stat  Y    Y    -    -    -    -    -    -    -    -    -    -    -    Y    -    -     -   -   -   -   -   -   -   -
        ReferrerStaff     Withdrawn    stat  -    Y    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        ReferrerStaff     ClosedErased stat  -    Y    -    -    -    -    -    -    -    -    -    -    -    Y    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Submitted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Accepted     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Declined     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Assigned     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Contacted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Closed       none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation Withdrawn    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherOrganisation ClosedErased none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Submitted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Accepted     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Declined     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Assigned     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Contacted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Closed       none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     Withdrawn    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OnwardService     ClosedErased none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Submitted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Accepted     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Declined     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Assigned     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Contacted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Closed       none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           Withdrawn    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        Teacher           ClosedErased none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Submitted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Accepted     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Declined     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Assigned     none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Contacted    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Closed       none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      Withdrawn    none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        OtherProject      ClosedErased none  -    -    -    -    -    -    -    -    -    -    -    -    -    -    -    -     -   -   -   -   -   -   -   -
        """;

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in Rows())
        {
            data.Add(line[0], line[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_viewer_sees_exactly_the_fields_and_actions_of_her_row(string viewer, string state)
    {
        var row = Rows().Single(r => r[0] == viewer && r[1] == state);
        var view = ReferralVisibility.For(Viewer(viewer), Referral(state));

        Assert.Equal(row[2], view.Kind switch
        {
            ReferralViewKind.Coordinator => "coor",
            ReferralViewKind.AssignedMother => "moth",
            ReferralViewKind.Status => "stat",
            _ => "none",
        });
        var expectedFields = FieldColumns.Where((_, i) => row[3 + i] == "Y").ToHashSet();
        var expectedActions = ActionColumns.Where((_, i) => row[3 + FieldColumns.Length + i] == "Y").ToHashSet();
        Assert.Equal(expectedFields.Order(), view.Fields.Order());
        Assert.Equal(expectedActions.Order(), view.Actions.Order());
    }

    [Fact]
    public void The_table_covers_every_viewer_in_every_state_and_every_field_and_offered_action()
    {
        Assert.Equal(8 * 8, Rows().Count);
        Assert.Equal(Enum.GetValues<ReferralField>().Order(), FieldColumns.Order());
        Assert.Equal(ReferralVisibility.Offered.Order(), ActionColumns.Order());
        Assert.All(Rows(), row => Assert.Equal(3 + FieldColumns.Length + ActionColumns.Length, row.Length));
    }

    [Fact]
    public void When_contact_goes_through_the_referrer_the_mother_sees_which_organisation_until_her_data_is_erased()
    {
        var referral = Fixtures.InState(ReferralState.Contacted) with
        {
            Person = Fixtures.Person with { Contact = new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Afternoon, null) },
        };

        Assert.True(ReferralVisibility.For(Fixtures.Mother, referral).Shows(ReferralField.ReferrerOrganisation));
        Assert.False(ReferralVisibility.For(Fixtures.Mother, referral).Shows(ReferralField.Referrer));
        Assert.False(ReferralVisibility.For(Fixtures.Mother, referral.Erased(Fixtures.Now)).Shows(ReferralField.ReferrerOrganisation));
    }

    [Fact]
    public void Every_action_a_view_offers_is_one_the_workflow_applies()
    {
        var viewers = Rows().Select(r => r[0]).Distinct().ToList();
        foreach (var state in Rows().Select(r => r[1]).Distinct())
        {
            foreach (var viewer in viewers)
            {
                var referral = Referral(state);
                var view = ReferralVisibility.For(Viewer(viewer), referral);
                foreach (var action in view.Actions.Where(a => a != ReferralAction.ReferOnward))
                {
                    var result = ReferralWorkflow.Apply(referral, Command(action), Viewer(viewer), Fixtures.Now);
                    Assert.True(result.Succeeded, $"{viewer} in {state} is offered {action}, which the workflow refuses ({result.Error})");
                }
            }
        }
    }

    [Fact]
    public void The_onward_service_sees_her_name_languages_and_how_to_reach_her_never_the_note_area_consent_or_notes()
    {
        Assert.Equal(
            new[] { ReferralField.FirstName, ReferralField.Needs, ReferralField.Languages, ReferralField.Contact, ReferralField.Phone }.Order(),
            ReferralVisibility.OnwardFields.Order());
        Assert.Empty(ReferralVisibility.OnwardFields.Intersect([ReferralField.Note, ReferralField.Area, ReferralField.Consent, ReferralField.MotherNotes]));
    }

    private static ReferralCommand Command(ReferralAction action) => action switch
    {
        ReferralAction.Accept => new AcceptReferral(),
        ReferralAction.Decline => new DeclineReferral(DeclineReason.NoCapacity),
        ReferralAction.Assign => new AssignReferral(Fixtures.OtherMother),
        ReferralAction.RecordContact => new RecordContact(),
        // From Assigned only "not reached" closes; it closes from Contacted too.
        ReferralAction.Close => new CloseReferral(ReferralOutcome.NotReached),
        ReferralAction.Withdraw => new WithdrawReferral(),
        _ => new EditMotherNotes("noted"),
    };

    private static Actor Viewer(string name) => name switch
    {
        "Coordinator" => Fixtures.Coordinator,
        "AssignedMother" => Fixtures.Mother,
        "OtherMother" => new(Fixtures.OtherMother, Fixtures.Project, ProjectRole.NeighbourhoodMother, null),
        "ReferrerStaff" => Fixtures.ReferrerStaff,
        "OtherOrganisation" => new("staff-housing", Fixtures.Project, ProjectRole.PartnerStaff, "org-housing"),
        // Staff of the health visitors, a service the woman could be referred on to: the referral itself is not theirs.
        "OnwardService" => new("staff-health", Fixtures.Project, ProjectRole.PartnerStaff, Fixtures.OtherOrganisation),
        "Teacher" => new("teacher-1", Fixtures.Project, ProjectRole.Teacher, null),
        "OtherProject" => new("coord-1", Fixtures.OtherProject, ProjectRole.Coordinator, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static Referral Referral(string state) => state == "ClosedErased"
        ? Fixtures.InState(ReferralState.Closed).Erased(Fixtures.Now)
        : Fixtures.InState(Enum.Parse<ReferralState>(state));

    private static List<string[]> Rows() =>
        [.. Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
