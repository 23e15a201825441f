using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

/// <summary>How the actor stands to the referral in one matrix cell.</summary>
public enum Relation
{
    /// <summary>No referral at all (referral = null): Create and List.</summary>
    NoReferral,

    /// <summary>Same project, same organisation as the referrer (a colleague of the referrer).</summary>
    OwnOrganisation,

    /// <summary>Same project, another organisation.</summary>
    OtherOrganisation,

    /// <summary>Same project, the actor's object id is the referral's assigned mother.</summary>
    AssignedMother,

    /// <summary>Same project, the actor's object id is another mother's.</summary>
    OtherMother,

    /// <summary>Another project, although object id and organisation match the referral's (only the project differs).</summary>
    OtherProject,
}

/// <summary>
/// ARCHITECTURE §7 as an explicit table: every role × relation × action is one theory row. A change to any rule
/// fails exactly the cells it touches, each named by role, relation and action.
/// </summary>
public class ReferralAccessMatrixTests
{
    // Column order of the table below.
    private static readonly ReferralAction[] Columns =
    [
        ReferralAction.Create, ReferralAction.List, ReferralAction.ViewStatus, ReferralAction.ViewDetails, ReferralAction.ViewNotes,
        ReferralAction.EditNotes, ReferralAction.Accept, ReferralAction.Decline, ReferralAction.Assign, ReferralAction.RecordContact,
        ReferralAction.Close, ReferralAction.Withdraw, ReferralAction.ReferOnward, ReferralAction.Rectify,
    ];

    // Y = allowed, - = denied. The referral is Assigned to mother-amina and was made by the kindergarten.
    private const string Expected = """
        role                relation           Create List ViewStatus ViewDetails ViewNotes EditNotes Accept Decline Assign RecordContact Close Withdraw ReferOnward Rectify
        Coordinator         NoReferral         Y      Y    -          -           -         -         -      -       -      -             -     -        -           -
        Coordinator         OwnOrganisation    -      -    Y          Y           Y         Y         Y      Y       Y      Y             Y     Y        Y           Y
        Coordinator         OtherOrganisation  -      -    Y          Y           Y         Y         Y      Y       Y      Y             Y     Y        Y           Y
        Coordinator         AssignedMother     -      -    Y          Y           Y         Y         Y      Y       Y      Y             Y     Y        Y           Y
        Coordinator         OtherMother        -      -    Y          Y           Y         Y         Y      Y       Y      Y             Y     Y        Y           Y
        Coordinator         OtherProject       -      -    -          -           -         -         -      -       -      -             -     -        -           -
        NeighbourhoodMother NoReferral         -      Y    -          -           -         -         -      -       -      -             -     -        -           -
        NeighbourhoodMother OwnOrganisation    -      -    -          -           -         -         -      -       -      -             -     -        -           -
        NeighbourhoodMother OtherOrganisation  -      -    -          -           -         -         -      -       -      -             -     -        -           -
        NeighbourhoodMother AssignedMother     -      -    Y          Y           Y         Y         -      -       -      Y             Y     Y        -           Y
        NeighbourhoodMother OtherMother        -      -    -          -           -         -         -      -       -      -             -     -        -           -
        NeighbourhoodMother OtherProject       -      -    -          -           -         -         -      -       -      -             -     -        -           -
        PartnerStaff        NoReferral         Y      Y    -          -           -         -         -      -       -      -             -     -        -           -
        PartnerStaff        OwnOrganisation    -      -    Y          -           -         -         -      -       -      -             -     Y        -           -
        PartnerStaff        OtherOrganisation  -      -    -          -           -         -         -      -       -      -             -     -        -           -
        PartnerStaff        AssignedMother     -      -    -          -           -         -         -      -       -      -             -     -        -           -
        PartnerStaff        OtherMother        -      -    -          -           -         -         -      -       -      -             -     -        -           -
        PartnerStaff        OtherProject       -      -    -          -           -         -         -      -       -      -             -     -        -           -
        Teacher             NoReferral         -      -    -          -           -         -         -      -       -      -             -     -        -           -
        Teacher             OwnOrganisation    -      -    -          -           -         -         -      -       -      -             -     -        -           -
        Teacher             OtherOrganisation  -      -    -          -           -         -         -      -       -      -             -     -        -           -
        Teacher             AssignedMother     -      -    -          -           -         -         -      -       -      -             -     -        -           -
        Teacher             OtherMother        -      -    -          -           -         -         -      -       -      -             -     -        -           -
        Teacher             OtherProject       -      -    -          -           -         -         -      -       -      -             -     -        -           -
        """;

    public static TheoryData<ProjectRole, Relation, ReferralAction, bool> Cells => MatrixTable.Parse<ProjectRole, Relation, ReferralAction>(Expected, Columns);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Access_matrix(ProjectRole role, Relation relation, ReferralAction action, bool allowed)
    {
        var referral = relation == Relation.NoReferral ? null : Fixtures.InState(ReferralState.Assigned);
        Assert.Equal(allowed, ReferralAccess.Allows(ActorFor(role, relation), action, referral));
    }

    [Fact]
    public void The_table_has_exactly_one_cell_for_every_role_relation_and_action()
    {
        var cells = Cells.Select(row => ((ProjectRole)row[0], (Relation)row[1], (ReferralAction)row[2])).ToList();
        Assert.Equal(Enum.GetValues<ProjectRole>().Length * Enum.GetValues<Relation>().Length * Enum.GetValues<ReferralAction>().Length, cells.Count);
        Assert.Equal(cells.Count, cells.Distinct().Count());
        Assert.Equal(336, cells.Count);
    }

    [Fact]
    public void Access_does_not_depend_on_the_referral_state()
    {
        foreach (var state in Enum.GetValues<ReferralState>().Where(s => s is not ReferralState.Submitted and not ReferralState.Accepted and not ReferralState.Declined))
        {
            var referral = Fixtures.InState(state);
            foreach (var row in Cells.Where(row => (Relation)row[1] != Relation.NoReferral))
            {
                var (role, relation, action, allowed) = ((ProjectRole)row[0], (Relation)row[1], (ReferralAction)row[2], (bool)row[3]);
                Assert.True(allowed == ReferralAccess.Allows(ActorFor(role, relation), action, referral), $"{state}: {role} {relation} {action}");
            }
        }
    }

    [Fact]
    public void Before_assignment_no_mother_sees_the_referral()
    {
        var unassigned = Fixtures.InState(ReferralState.Accepted);
        Assert.All(Enum.GetValues<ReferralAction>(), action => Assert.False(ReferralAccess.Allows(Fixtures.Mother, action, unassigned)));
    }

    [Fact]
    public void After_reassignment_the_previous_mother_sees_nothing()
    {
        var reassigned = Fixtures.InState(ReferralState.Assigned) with { AssignedMotherId = Fixtures.OtherMother };
        Assert.All(Enum.GetValues<ReferralAction>(), action => Assert.False(ReferralAccess.Allows(Fixtures.Mother, action, reassigned)));
    }

    [Fact]
    public void Partner_staff_without_an_organisation_cannot_create_or_see_referrals()
    {
        var staff = new Actor("staff-x", Fixtures.Project, ProjectRole.PartnerStaff, null);
        Assert.False(ReferralAccess.Allows(staff, ReferralAction.Create, null));
        Assert.False(ReferralAccess.Allows(staff, ReferralAction.ViewStatus, Fixtures.InState(ReferralState.Assigned)));
    }

    [Fact]
    public void A_referral_the_coordinator_made_has_no_organisation_that_partner_staff_could_match()
    {
        var byCoordinator = Referral.Submit("ref-2", Fixtures.Coordinator, Fixtures.Person, Fixtures.Needs, Fixtures.Consent, Fixtures.Now);
        var staffWithEmptyOrganisation = new Actor("staff-x", Fixtures.Project, ProjectRole.PartnerStaff, string.Empty);
        Assert.False(ReferralAccess.Allows(staffWithEmptyOrganisation, ReferralAction.ViewStatus, byCoordinator));
        Assert.False(ReferralAccess.Allows(staffWithEmptyOrganisation, ReferralAction.Create, null));
    }

    [Fact]
    public void Null_actor_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => ReferralAccess.Allows(null!, ReferralAction.List, null));

    internal static Actor ActorFor(ProjectRole role, Relation relation) => relation switch
    {
        Relation.NoReferral => new("person-x", Fixtures.Project, role, Fixtures.ReferrerOrganisation),
        Relation.OwnOrganisation => new("person-x", Fixtures.Project, role, Fixtures.ReferrerOrganisation),
        Relation.OtherOrganisation => new("person-x", Fixtures.Project, role, Fixtures.OtherOrganisation),
        Relation.AssignedMother => new(Fixtures.AssignedMother, Fixtures.Project, role, null),
        Relation.OtherMother => new(Fixtures.OtherMother, Fixtures.Project, role, null),
        Relation.OtherProject => new(Fixtures.AssignedMother, Fixtures.OtherProject, role, Fixtures.ReferrerOrganisation),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };
}

/// <summary>Reads an expectation table: the leading columns name the row, the rest are Y (true) or - (false), one per column.</summary>
internal static class MatrixTable
{
    public static TheoryData<TRow, TRelation, TColumn, bool> Parse<TRow, TRelation, TColumn>(string table, IReadOnlyList<TColumn> columns)
        where TRow : struct, Enum
        where TRelation : struct, Enum
        where TColumn : struct, Enum
    {
        var data = new TheoryData<TRow, TRelation, TColumn, bool>();
        foreach (var (keys, column, value) in Read(table, 2, columns))
        {
            data.Add(Enum.Parse<TRow>(keys[0]), Enum.Parse<TRelation>(keys[1]), column, value);
        }

        return data;
    }

    public static TheoryData<TRow, TColumn, bool> Parse<TRow, TColumn>(string table, IReadOnlyList<TColumn> columns)
        where TRow : struct, Enum
        where TColumn : struct, Enum
    {
        var data = new TheoryData<TRow, TColumn, bool>();
        foreach (var (keys, column, value) in Read(table, 1, columns))
        {
            data.Add(Enum.Parse<TRow>(keys[0]), column, value);
        }

        return data;
    }

    private static IEnumerable<(string[] Keys, TColumn Column, bool Value)> Read<TColumn>(string table, int keyColumns, IReadOnlyList<TColumn> columns)
        where TColumn : struct, Enum
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!header.Skip(keyColumns).SequenceEqual(columns.Select(c => c.ToString())))
        {
            throw new InvalidOperationException("The table's header does not match its columns.");
        }

        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != columns.Count + keyColumns)
            {
                throw new InvalidOperationException($"Row has {cells.Length - keyColumns} cells, expected {columns.Count}: {line}");
            }

            for (var i = 0; i < columns.Count; i++)
            {
                yield return (cells[..keyColumns], columns[i], cells[i + keyColumns] switch
                {
                    "Y" => true,
                    "-" => false,
                    var other => throw new InvalidOperationException($"Cell '{other}' is neither Y nor -: {line}"),
                });
            }
        }
    }
}
