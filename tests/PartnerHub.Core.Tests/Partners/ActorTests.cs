using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Tests.Partners;

public class ActorTests
{
    [Theory]
    [InlineData(ProjectRole.Coordinator, null)]
    [InlineData(ProjectRole.NeighbourhoodMother, null)]
    [InlineData(ProjectRole.PartnerStaff, "org-kita")]
    [InlineData(ProjectRole.Teacher, null)]
    public void An_actor_is_exactly_the_directory_entry_without_the_name(ProjectRole role, string? organisation)
    {
        var member = new ProjectMember("obj-1", "vollsmose", role, organisation, "Amina");

        Assert.Equal(new Actor("obj-1", "vollsmose", role, organisation), Actor.From(member));
    }
}
