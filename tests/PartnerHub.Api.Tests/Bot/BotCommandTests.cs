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
    [InlineData("kursus", BotCommandKind.Course, "da")]
    [InlineData("Course", BotCommandKind.Course, "en")]
    [InlineData("mine bookinger", BotCommandKind.MyBookings, "da")]
    [InlineData("<at>PartnerHub</at> my bookings", BotCommandKind.MyBookings, "en")]
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

public class BotCommandChatTests
{
    [Theory]
    [InlineData("hej", BotCommandKind.Greeting, "da")]
    [InlineData("Hej!", BotCommandKind.Greeting, "da")]
    [InlineData("godmorgen", BotCommandKind.Greeting, "da")]
    [InlineData("God morgen", BotCommandKind.Greeting, "da")]
    [InlineData("tak", BotCommandKind.Thanks, "da")]
    [InlineData("Mange tak!", BotCommandKind.Thanks, "da")]
    [InlineData("hello", BotCommandKind.Greeting, "en")]
    [InlineData("Hi", BotCommandKind.Greeting, "en")]
    [InlineData("thanks", BotCommandKind.Thanks, "en")]
    [InlineData("Thank you.", BotCommandKind.Thanks, "en")]
    [InlineData("<at>PartnerHub</at> tak", BotCommandKind.Thanks, "da")]
    public void Reads_greetings_and_thanks_in_both_languages(string text, BotCommandKind kind, string language)
    {
        var command = BotCommand.Parse(text);
        Assert.Equal((kind, language), (command.Kind, command.Language));
    }

    [Theory]
    [InlineData("demo", BotCommandKind.DemoList, null)]
    [InlineData("Demo:", BotCommandKind.DemoList, null)]
    [InlineData("demo: Megan", BotCommandKind.DemoSwitch, "Megan")]
    [InlineData("demo Megan", BotCommandKind.DemoSwitch, "Megan")]
    [InlineData("demo: skift til Megan", BotCommandKind.DemoSwitch, "Megan")]
    [InlineData("demo: switch to Adele", BotCommandKind.DemoSwitch, "Adele")]
    [InlineData("demo: mig", BotCommandKind.DemoSelf, null)]
    [InlineData("demo: skift til mig", BotCommandKind.DemoSelf, null)]
    [InlineData("demo: me", BotCommandKind.DemoSelf, null)]
    [InlineData("demonstration", BotCommandKind.Unknown, null)]
    public void Reads_demo_commands(string text, BotCommandKind kind, string? argument)
    {
        var command = BotCommand.Parse(text);
        Assert.Equal((kind, argument), (command.Kind, command.Argument));
    }

    [Theory]
    [InlineData("henvsi", "da", new[] { "henvis" })]
    [InlineData("henvsi", "en", new[] { "refer" })]
    [InlineData("refr", "da", new[] { "henvis" })]
    [InlineData("hen", "da", new[] { "henvis" })]
    [InlineData("henvis en kvinde", "da", new[] { "henvis" })]
    [InlineData("mine henvisniger", "da", new[] { "mine henvisninger" })]
    [InlineData("my referals", "en", new[] { "my referrals" })]
    [InlineData("moder", "da", new[] { "møder" })]
    [InlineData("partner", "en", new[] { "partners" })]
    [InlineData("hjlp", "da", new[] { "hjælp" })]
    [InlineData("hvad kan du?", "da", new string[0])]
    [InlineData("👋", "da", new string[0])]
    [InlineData("", "en", new string[0])]
    public void Suggests_the_closest_commands_in_her_language(string text, string language, string[] expected)
    {
        Assert.Equal(expected, BotCommand.Suggest(BotCommand.Parse(text), language));
    }

    [Fact]
    public void Every_command_word_is_in_both_languages_and_reads_back_as_its_command()
    {
        foreach (var (kind, danish, english) in BotCommand.Commands)
        {
            Assert.Equal((kind, "da"), (BotCommand.Parse(danish).Kind, BotCommand.Parse(danish).Language));
            Assert.Equal((kind, "en"), (BotCommand.Parse(english).Kind, BotCommand.Parse(english).Language));
        }
    }
}

public class CommandSuggestionsTests
{
    [Theory]
    [InlineData("henvis", "henvis", 0)]
    [InlineData("henvsi", "henvis", 1)]
    [InlineData("hnvis", "henvis", 1)]
    [InlineData("xenvis", "henvis", 1)]
    [InlineData("hej", "henvis", 4)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_a_swapped_pair_as_one_typo(string a, string b, int expected)
    {
        Assert.Equal(expected, CommandSuggestions.Distance(a, b));
        Assert.Equal(expected, CommandSuggestions.Distance(b, a));
    }

    [Fact]
    public void Closest_orders_by_distance_then_by_the_words_own_order_and_names_each_key_once()
    {
        (string, int)[] words = [("alpha", 1), ("alps", 2), ("alpine", 3), ("alpha-two", 1)];

        Assert.Equal([1, 2, 3], CommandSuggestions.Closest("alp", words, 5));
        Assert.Equal([2], CommandSuggestions.Closest("alsp", words, 5));
        Assert.Equal([1, 2], CommandSuggestions.Closest("al", words, 2));
        Assert.Empty(CommandSuggestions.Closest("zzz", words, 5));
        Assert.Empty(CommandSuggestions.Closest("a", words, 5));
    }
}
