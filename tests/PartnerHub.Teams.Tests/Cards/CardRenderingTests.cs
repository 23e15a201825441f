namespace PartnerHub.Teams.Tests.Cards;

/// <summary>What a Teams user sees: every card (each sample, da and en) rendered by the official renderer in chromium at 450 and 320 px.</summary>
public sealed class CardRenderingTests
{
    [Fact]
    public void Every_card_has_a_desktop_and_a_mobile_screenshot_and_test_cases_are_kept_apart()
    {
        Assert.NotEmpty(CardRendering.Rendered);
        foreach (var (name, dir) in CardRendering.Rendered)
        {
            Assert.Equal(name.StartsWith("card-", StringComparison.Ordinal) ? "png" : "cases", Path.GetFileName(dir));
            foreach (var png in new[] { Path.Combine(dir, name + ".png"), Path.Combine(dir, "mobile", name + ".png") })
            {
                Assert.True(File.Exists(png) && new FileInfo(png).Length > 0, $"no screenshot for {name}: {png}");
            }
        }
    }

    [Fact]
    public void No_button_or_text_is_cut_off_at_Teams_widths() => AssertNone("overflow",
        "Text a Teams user would see cut off (button titles and TextBlocks wider than their box)");

    [Fact]
    public void No_glyph_is_drawn_from_an_icon_font_the_machine_lacks() => AssertNone("tofu",
        "Glyphs drawn as an empty box (private-use code points of an icon font)");

    private static void AssertNone(string kind, string heading)
    {
        // Only the product's cards must fit; templating test cases may be any shape.
        var problems = CardRendering.Report.Where(f => f.Kind == kind && f.Card.StartsWith("card-", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, heading + ":\n"
            + string.Join("\n", problems.Select(p => $"  {p.Card} at {p.Width}px: {p.What} \"{p.Text}\" ({p.Detail})")));
    }
}
