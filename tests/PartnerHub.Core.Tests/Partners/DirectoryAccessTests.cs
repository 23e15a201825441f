using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Tests.Partners;

public class DirectoryAccessTests
{
    private const string Karen = "a0000000-0000-4000-8000-000000000001";
    private const string Lene = "a0000000-0000-4000-8000-000000000002";
    private static readonly Actor KarenActs = new(Karen, "vollsmose", ProjectRole.Coordinator, null);

    [Theory]
    [InlineData(Karen, ProjectRole.NeighbourhoodMother, true)]
    [InlineData(Karen, ProjectRole.PartnerStaff, true)]
    [InlineData(Karen, ProjectRole.Teacher, true)]
    [InlineData(Karen, null, true)]
    [InlineData(Karen, ProjectRole.Coordinator, false)]
    [InlineData(Lene, ProjectRole.Teacher, false)]
    [InlineData(Lene, null, false)]
    public void A_coordinator_never_takes_away_her_own_role_but_may_change_anyone_elses(string objectId, ProjectRole? newRole, bool refused) =>
        Assert.Equal(refused, DirectoryAccess.ChangesOwnRole(KarenActs, objectId, newRole));

    [Theory]
    [InlineData(ProjectRole.Teacher, true)]
    [InlineData(null, true)]
    [InlineData(ProjectRole.Coordinator, false)]
    public void Only_the_last_coordinators_demotion_or_removal_leaves_the_project_without_one(ProjectRole? newRole, bool leaves)
    {
        var one = new[] { new ProjectMember(Karen, "vollsmose", ProjectRole.Coordinator, null, "Karen") };
        var two = one.Append(new ProjectMember(Lene, "vollsmose", ProjectRole.Coordinator, null, "Lene")).ToArray();

        Assert.Equal(leaves, DirectoryAccess.LeavesNoCoordinator(one, Karen, newRole));
        Assert.False(DirectoryAccess.LeavesNoCoordinator(two, Karen, newRole));
        Assert.False(DirectoryAccess.LeavesNoCoordinator(one, Lene, newRole));
    }
}
