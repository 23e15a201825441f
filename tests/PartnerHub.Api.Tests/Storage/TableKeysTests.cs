using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Storage;

public class TableKeysTests
{
    [Theory]
    [InlineData("a:1xyz", "a:1xyz")]
    [InlineData("19:abc@thread.tacv2;messageid=1", "19:abc@thread.tacv2;messageid=1")]
    [InlineData("x/y\\z#q?r", "x%2Fy%5Cz%23q%3Fr")]
    [InlineData("50%|off", "50%25%7Coff")]
    [InlineData("tab\tnew\nline", "tab%09new%0Aline")]
    public void Escapes_characters_that_tables_forbid_or_we_use_as_separators(string raw, string escaped)
    {
        Assert.Equal(escaped, TableKeys.Escape(raw));
        Assert.Equal(raw, TableKeys.Unescape(escaped));
    }

    [Fact]
    public void An_escaped_id_can_never_widen_a_prefix_range()
    {
        // A hostile id that looks like a separator plus another key stays inside its own segment.
        var hostile = "x|by-partner|other";
        Assert.DoesNotContain('|', TableKeys.Escape(hostile));
    }
}
