using PartnerHub.Core.Changes;

namespace PartnerHub.Core.Tests.Changes;

public class DecidedVersionsTests
{
    [Theory]
    [InlineData(5, 5, 3, true)] // two bookkeeping writes since her version
    [InlineData(3, 5, 3, true)]
    [InlineData(4, 5, 3, true)]
    [InlineData(2, 5, 3, false)] // a person changed it after she read it
    [InlineData(6, 5, 3, false)] // a version that never was
    [InlineData(4, 5, 5, false)]
    [InlineData(5, 5, 5, true)]
    [InlineData(4, 5, 0, false)] // an older row without it: only the version itself
    [InlineData(5, 5, 0, true)]
    public void A_change_is_current_from_the_last_decided_version_up_to_now(int from, int version, int decided, bool current) =>
        Assert.Equal(current, DecidedVersions.IsCurrent(from, version, decided));
}
