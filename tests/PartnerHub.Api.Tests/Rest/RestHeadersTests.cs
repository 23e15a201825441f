using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Tests.Rest;

public class RestHeadersTests
{
    [Theory]
    [InlineData("\"3\"", 3)]
    [InlineData("W/\"12\"", 12)]
    [InlineData(" 7 ", 7)]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("*", null)]
    [InlineData("\"1\", \"2\"", null)]
    [InlineData("\"0\"", null)]
    [InlineData("\"-1\"", null)]
    [InlineData("\"abc\"", null)]
    [InlineData("W/\"datetime'2026-12-03'\"", null)]
    public void The_version_in_If_Match_is_one_positive_whole_number_or_none(string? header, int? expected) =>
        Assert.Equal(expected, RestHeaders.VersionIn(header));
}
