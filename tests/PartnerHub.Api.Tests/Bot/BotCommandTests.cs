using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Tests.Bot;

public class BotCommandTests
{
    [Theory]
    [InlineData("hjælp", BotCommandKind.Help, "da")]
    [InlineData("  Hjælp! ", BotCommandKind.Help, "da")]
    [InlineData("HJÆLP", BotCommandKind.Help, "da")]
    [InlineData("hjaelp", BotCommandKind.Help, "da")]
    [InlineData("help", BotCommandKind.Help, "en")]
    [InlineData("Help?", BotCommandKind.Help, "en")]
    [InlineData("<at>PartnerHub</at> hjælp", BotCommandKind.Help, "da")]
    [InlineData("<at>PartnerHub</at>&nbsp;help", BotCommandKind.Help, "en")]
    [InlineData("<p>hjælp</p>", BotCommandKind.Help, "da")]
    [InlineData("?", BotCommandKind.Help, null)]
    [InlineData("henvis", BotCommandKind.Refer, "da")]
    [InlineData("Refer", BotCommandKind.Refer, "en")]
    [InlineData("mine  henvisninger", BotCommandKind.MyReferrals, "da")]
    [InlineData("<at>PartnerHub</at> my referrals", BotCommandKind.MyReferrals, "en")]
    [InlineData("partnere", BotCommandKind.Directory, "da")]
    [InlineData("partners", BotCommandKind.Directory, "en")]
    [InlineData("hvad så", BotCommandKind.Unknown, null)]
    [InlineData("helpme", BotCommandKind.Unknown, null)]
    [InlineData("", BotCommandKind.Unknown, null)]
    [InlineData(null, BotCommandKind.Unknown, null)]
    public void Parses_command_words_in_both_languages(string? text, BotCommandKind kind, string? language)
    {
        var command = BotCommand.Parse(text);
        Assert.Equal(kind, command.Kind);
        Assert.Equal(language, command.Language);
    }
}
