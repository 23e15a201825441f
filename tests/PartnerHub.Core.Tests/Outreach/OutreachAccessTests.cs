using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Tests.Outreach;

public class OutreachAccessTests
{
    private static readonly OutreachEntry Hers = new("abcdefghijklmnop", "vollsmose", "mother-1", new DateOnly(2026, 12, 1), OutreachKind.Phone, 1, [], [], DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother, true, true, false, true)]
    [InlineData(ProjectRole.Coordinator, false, false, true, true)]
    [InlineData(ProjectRole.PartnerStaff, false, false, false, false)]
    [InlineData(ProjectRole.Teacher, false, false, false, false)]
    public void Each_role_may_do_exactly_its_part(ProjectRole role, bool log, bool readOwn, bool readCounts, bool correctTopics)
    {
        var actor = new Actor(role == ProjectRole.NeighbourhoodMother ? "mother-1" : "someone", "vollsmose", role, null);

        Assert.Equal(log, OutreachAccess.Allows(actor, OutreachAction.Log));
        Assert.Equal(readOwn, OutreachAccess.Allows(actor, OutreachAction.ReadOwn, Hers));
        Assert.Equal(readCounts, OutreachAccess.Allows(actor, OutreachAction.ReadCounts));
        Assert.Equal(correctTopics, OutreachAccess.Allows(actor, OutreachAction.CorrectTopics, Hers));
        Assert.Equal(correctTopics, OutreachAccess.Allows(actor, OutreachAction.CorrectTopics));
    }

    [Fact]
    public void Topics_are_corrected_by_the_mother_who_logged_them_or_a_coordinator_of_the_project_only()
    {
        Assert.False(OutreachAccess.Allows(new Actor("mother-2", "vollsmose", ProjectRole.NeighbourhoodMother, null), OutreachAction.CorrectTopics, Hers));
        Assert.False(OutreachAccess.Allows(new Actor("mother-1", "tingbjerg", ProjectRole.NeighbourhoodMother, null), OutreachAction.CorrectTopics, Hers));
        Assert.False(OutreachAccess.Allows(new Actor("coordinator", "tingbjerg", ProjectRole.Coordinator, null), OutreachAction.CorrectTopics, Hers));
    }

    [Fact]
    public void A_mother_never_reads_another_mothers_entry_nor_one_of_another_project()
    {
        Assert.False(OutreachAccess.Allows(new Actor("mother-2", "vollsmose", ProjectRole.NeighbourhoodMother, null), OutreachAction.ReadOwn, Hers));
        Assert.False(OutreachAccess.Allows(new Actor("mother-1", "tingbjerg", ProjectRole.NeighbourhoodMother, null), OutreachAction.ReadOwn, Hers));
    }

    [Fact]
    public void A_coordinator_reads_counts_but_never_an_entry()
    {
        var coordinator = new Actor("coordinator", "vollsmose", ProjectRole.Coordinator, null);

        Assert.False(OutreachAccess.Allows(coordinator, OutreachAction.ReadOwn, Hers));
        Assert.False(OutreachAccess.Allows(coordinator, OutreachAction.ReadOwn));
    }
}
