using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Tests.Partners;

public class ProjectTests
{
    [Theory]
    [InlineData("vollsmose", true)]
    [InlineData("gellerup-2", true)]
    [InlineData("ab", false)]
    [InlineData("Vollsmose", false)]
    [InlineData("1vollsmose", false)]
    [InlineData("ishøj", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ids_are_plain_enough_for_keys_and_urls(string? id, bool valid) =>
        Assert.Equal(valid, Project.IsValidId(id));
}
