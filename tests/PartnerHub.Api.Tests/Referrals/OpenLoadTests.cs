using PartnerHub.Api.Referrals;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>The mothers' open load moved by changes that may be applied in whatever order their writes finish.</summary>
public class OpenLoadTests
{
    private static readonly Dictionary<string, int> Samira = new(StringComparer.Ordinal) { ["samira"] = 2 };

    [Fact]
    public void A_referral_moved_from_one_mother_to_another_moves_one_count()
    {
        var moved = OpenLoad.Moved(Samira, "samira", "amina");

        Assert.Equal(1, OpenLoad.Of(moved, "samira"));
        Assert.Equal(1, OpenLoad.Of(moved, "amina"));
    }

    [Fact]
    public void A_count_taken_off_before_it_was_added_ends_where_the_changes_in_order_end_and_never_shows_below_zero()
    {
        // Assigned to Amina, then closed: the close's write finished first.
        var closedFirst = OpenLoad.Moved(Samira, "amina", null);
        Assert.Equal(0, OpenLoad.Of(closedFirst, "amina"));

        var both = OpenLoad.Moved(closedFirst, null, "amina");

        Assert.Equal(OpenLoad.Moved(OpenLoad.Moved(Samira, null, "amina"), "amina", null), both);
        Assert.False(both.ContainsKey("amina"));
        Assert.Equal(2, OpenLoad.Of(both, "samira"));
    }
}
