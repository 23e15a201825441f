using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

/// <summary>The one parser behind the cards' buttons and REST's transitions: any case, trimmed; never numbers or lists.</summary>
public class ReferralCommandsTests
{
    [Theory]
    [InlineData("OutsideArea", DeclineReason.OutsideArea)]
    [InlineData("outsidearea", DeclineReason.OutsideArea)]
    [InlineData(" NOCAPACITY ", DeclineReason.NoCapacity)]
    [InlineData("alreadyInContact", DeclineReason.AlreadyInContact)]
    public void A_decline_reason_is_read_in_any_case(string text, DeclineReason expected)
    {
        var (command, errors) = ReferralCommands.Parse(ReferralAction.Decline, new ReferralCommandInput(Reason: text));

        Assert.Empty(errors);
        Assert.Equal(new DeclineReferral(expected), command);
    }

    [Theory]
    [InlineData("joinedactivities", ReferralOutcome.JoinedActivities)]
    [InlineData("NotReached", ReferralOutcome.NotReached)]
    [InlineData("REFERREDON", ReferralOutcome.ReferredOn)]
    public void An_outcome_is_read_in_any_case(string text, ReferralOutcome expected)
    {
        Assert.Equal(new CloseReferral(expected), ReferralCommands.Parse(ReferralAction.Close, new ReferralCommandInput(Outcome: text)).Command);
    }

    [Theory]
    [InlineData(ReferralAction.Decline, null, "required")]
    [InlineData(ReferralAction.Decline, "  ", "required")]
    [InlineData(ReferralAction.Decline, "3", "unknownValue")]
    [InlineData(ReferralAction.Decline, "-1", "unknownValue")]
    [InlineData(ReferralAction.Decline, "OutsideArea,Other", "unknownValue")]
    [InlineData(ReferralAction.Decline, "Outside Area", "unknownValue")]
    [InlineData(ReferralAction.Close, "Happy", "unknownValue")]
    [InlineData(ReferralAction.Close, "0", "unknownValue")]
    public void An_invalid_value_is_refused_with_its_field_and_no_command(ReferralAction action, string? value, string code)
    {
        var (command, errors) = ReferralCommands.Parse(action, new ReferralCommandInput(Reason: value, Outcome: value));

        Assert.Null(command);
        var error = Assert.Single(errors);
        Assert.Equal((action == ReferralAction.Decline ? "reason" : "outcome", code), (error.Key, error.Value));
    }

    [Fact]
    public void Assign_needs_a_mother_and_trims_her_id()
    {
        Assert.Equal(new AssignReferral("mother-1"), ReferralCommands.Parse(ReferralAction.Assign, new ReferralCommandInput(MotherId: " mother-1 ")).Command);
        var (command, errors) = ReferralCommands.Parse(ReferralAction.Assign, new ReferralCommandInput(MotherId: ""));
        Assert.Null(command);
        Assert.Equal("required", errors["motherId"]);
    }

    [Fact]
    public void Steps_without_values_need_none_and_notes_are_passed_on_for_the_workflow_to_judge()
    {
        Assert.Equal(new AcceptReferral(), ReferralCommands.Parse(ReferralAction.Accept, new ReferralCommandInput()).Command);
        Assert.Equal(new RecordContact(), ReferralCommands.Parse(ReferralAction.RecordContact, new ReferralCommandInput()).Command);
        Assert.Equal(new WithdrawReferral(), ReferralCommands.Parse(ReferralAction.Withdraw, new ReferralCommandInput()).Command);
        Assert.Equal(new EditMotherNotes("x"), ReferralCommands.Parse(ReferralAction.EditNotes, new ReferralCommandInput(Notes: "x")).Command);
        Assert.Null(ReferralCommands.Parse(ReferralAction.ViewDetails, new ReferralCommandInput()).Command);
    }

    [Theory]
    [InlineData("Work,health", NeedCategories.Work | NeedCategories.Health)]
    [InlineData(" CHILDREN , network ", NeedCategories.Children | NeedCategories.Network)]
    [InlineData("", NeedCategories.None)]
    public void Needs_are_read_in_any_case(string text, NeedCategories expected)
    {
        Assert.Equal(expected, ReferralValues.ParseNeeds(text));
    }

    [Theory]
    [InlineData("Work,2")]
    [InlineData("None")]
    [InlineData("Work,Flying")]
    public void Needs_with_any_unknown_part_are_refused(string text)
    {
        Assert.Null(ReferralValues.ParseNeeds(text));
    }

    [Theory]
    [InlineData("AR", "ar")]
    [InlineData(" Prs ", "prs")]
    [InlineData("da", "da")]
    public void A_language_is_its_known_code_in_any_case(string text, string expected)
    {
        Assert.Equal(expected, ReferralValues.Language(text));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("ar,da")]
    public void An_unknown_language_is_none(string text)
    {
        Assert.Null(ReferralValues.Language(text));
    }

    [Theory]
    [InlineData("phone", ContactChannel.Phone)]
    [InlineData("THROUGHREFERRER", ContactChannel.ThroughReferrer)]
    public void A_contact_channel_is_read_in_any_case_and_never_as_a_number(string text, ContactChannel expected)
    {
        Assert.Equal(expected, ReferralValues.Parse<ContactChannel>(text));
        Assert.Null(ReferralValues.Parse<ContactChannel>("1"));
    }
}
