using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

public class ReferralWorkflowTests
{
    private static readonly ReferralState[] States =
    [
        ReferralState.Submitted, ReferralState.Accepted, ReferralState.Declined, ReferralState.Assigned,
        ReferralState.Contacted, ReferralState.Closed, ReferralState.Withdrawn,
    ];

    // From each state (columns), the state each command leads to, or - for InvalidTransition.
    // The actor is the project's coordinator, whom §7 allows every command.
    private const string Machine = """
        command          Submitted Accepted  Declined Assigned  Contacted Closed Withdrawn
        Accept           Accepted  -         -        -         -         -      -
        Decline          Declined  Declined  -        -         -         -      -
        Assign           Assigned  Assigned  -        Assigned  Assigned  -      -
        RecordContact    -         -         -        Contacted -         -      -
        CloseJoined      -         -         -        -         Closed    -      -
        CloseReferredOn  -         -         -        -         Closed    -      -
        CloseDeclined    -         -         -        -         Closed    -      -
        CloseNotReached  -         -         -        Closed    Closed    -      -
        Withdraw         Withdrawn Withdrawn -        Withdrawn Withdrawn -      -
        EditNotes        -         -         -        Assigned  Contacted Closed -
        """;

    public static TheoryData<string, ReferralState, string> MachineCells
    {
        get
        {
            var data = new TheoryData<string, ReferralState, string>();
            var lines = Machine.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(States.Select(s => s.ToString()), lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(States.Length + 1, cells.Length);
                for (var i = 0; i < States.Length; i++)
                {
                    data.Add(cells[0], States[i], cells[i + 1]);
                }
            }

            return data;
        }
    }

    /// <summary>Commands the assigned mother may give (§7), with the states in which she is assigned.</summary>
    public static TheoryData<string, ReferralState, string> MotherCells
    {
        get
        {
            var data = new TheoryData<string, ReferralState, string>();
            foreach (var row in MachineCells)
            {
                var (command, state, expected) = ((string)row[0], (ReferralState)row[1], (string)row[2]);
                if (command is not ("Accept" or "Decline" or "Assign") && state is ReferralState.Assigned or ReferralState.Contacted or ReferralState.Closed or ReferralState.Withdrawn)
                {
                    data.Add(command, state, expected);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MachineCells))]
    public void State_machine_for_the_coordinator(string command, ReferralState from, string expected) =>
        AssertTransition(Fixtures.Coordinator, command, from, expected);

    [Theory]
    [MemberData(nameof(MotherCells))]
    public void State_machine_for_the_assigned_mother(string command, ReferralState from, string expected) =>
        AssertTransition(Fixtures.Mother, command, from, expected);

    [Theory]
    [InlineData(ReferralState.Submitted, "Withdrawn")]
    [InlineData(ReferralState.Accepted, "Withdrawn")]
    [InlineData(ReferralState.Assigned, "Withdrawn")]
    [InlineData(ReferralState.Contacted, "Withdrawn")]
    [InlineData(ReferralState.Declined, "-")]
    [InlineData(ReferralState.Closed, "-")]
    [InlineData(ReferralState.Withdrawn, "-")]
    public void The_referrers_organisation_records_a_withdrawal(ReferralState from, string expected) =>
        AssertTransition(Fixtures.ReferrerStaff with { ObjectId = "staff-kita-2" }, "Withdraw", from, expected);

    // The states each action may start from; actions that are not transitions start from none.
    private const string AllowedFromTable = """
        action        Submitted Accepted Declined Assigned Contacted Closed Withdrawn
        Create        -         -        -        -        -         -      -
        List          -         -        -        -        -         -      -
        ViewStatus    -         -        -        -        -         -      -
        ViewDetails   -         -        -        -        -         -      -
        ViewNotes     -         -        -        -        -         -      -
        EditNotes     -         -        -        Y        Y         Y      -
        Accept        Y         -        -        -        -         -      -
        Decline       Y         Y        -        -        -         -      -
        Assign        Y         Y        -        Y        Y         -      -
        RecordContact -         -        -        Y        -         -      -
        Close         -         -        -        Y        Y         -      -
        Withdraw      Y         Y        -        Y        Y         -      -
        ReferOnward   -         -        -        -        -         -      -
        Rectify       Y         Y        Y        Y        Y         Y      -
        """;

    public static TheoryData<ReferralAction, ReferralState, bool> AllowedFromCells => MatrixTable.Parse<ReferralAction, ReferralState>(AllowedFromTable, States);

    [Theory]
    [MemberData(nameof(AllowedFromCells))]
    public void Allowed_from(ReferralAction action, ReferralState state, bool allowed) =>
        Assert.Equal(allowed, ReferralWorkflow.AllowedFrom(action).Contains(state));

    [Fact]
    public void Every_state_of_the_enum_is_a_column() =>
        Assert.Equal(Enum.GetValues<ReferralState>().Order(), States.Order());

    [Fact]
    public void Every_action_has_a_row() =>
        Assert.Equal(Enum.GetValues<ReferralAction>().Length * States.Length, AllowedFromCells.Count);

    [Theory]
    [MemberData(nameof(MachineCells))]
    public void A_stranger_is_forbidden_whatever_the_state(string command, ReferralState from, string unused)
    {
        _ = unused;
        var referral = Fixtures.InState(from);
        Actor[] strangers =
        [
            new("coord-2", Fixtures.OtherProject, ProjectRole.Coordinator, null),
            new(Fixtures.OtherMother, Fixtures.Project, ProjectRole.NeighbourhoodMother, null),
            new("staff-x", Fixtures.Project, ProjectRole.PartnerStaff, Fixtures.OtherOrganisation),
            new("teacher-1", Fixtures.Project, ProjectRole.Teacher, null),
        ];

        foreach (var stranger in strangers)
        {
            var result = ReferralWorkflow.Apply(referral, Command(command), stranger, Fixtures.Now);
            Assert.Equal(TransitionError.Forbidden, result.Error);
            Assert.Null(result.Referral);
        }
    }

    [Theory]
    [InlineData(ReferralState.Submitted)]
    [InlineData(ReferralState.Declined)]
    [InlineData(ReferralState.Closed)]
    [InlineData(ReferralState.Withdrawn)]
    public void The_referrers_organisation_may_not_triage_or_close(ReferralState from)
    {
        foreach (var command in new[] { "Accept", "Decline", "Assign", "RecordContact", "CloseNotReached", "EditNotes" })
        {
            Assert.Equal(TransitionError.Forbidden, ReferralWorkflow.Apply(Fixtures.InState(from), Command(command), Fixtures.ReferrerStaff, Fixtures.Now).Error);
        }
    }

    [Fact]
    public void The_mother_may_not_triage_even_her_own_referral()
    {
        var assigned = Fixtures.InState(ReferralState.Assigned);
        Assert.Equal(TransitionError.Forbidden, ReferralWorkflow.Apply(assigned, new AssignReferral(Fixtures.OtherMother), Fixtures.Mother, Fixtures.Now).Error);
        Assert.Equal(TransitionError.Forbidden, ReferralWorkflow.Apply(assigned, new DeclineReferral(DeclineReason.NoCapacity), Fixtures.Mother, Fixtures.Now).Error);
    }

    [Fact]
    public void Assigning_from_submitted_accepts_and_assigns_in_one_step()
    {
        var result = ReferralWorkflow.Apply(Fixtures.Submitted(), new AssignReferral(Fixtures.AssignedMother), Fixtures.Coordinator, Fixtures.Now);

        Assert.True(result.Succeeded);
        Assert.Equal(ReferralState.Assigned, result.Referral!.State);
        Assert.Equal(Fixtures.AssignedMother, result.Referral.AssignedMotherId);
        Assert.Equal(
            [new ReferralEvent(ReferralState.Submitted, Fixtures.SubmittedAt, ProjectRole.PartnerStaff), new ReferralEvent(ReferralState.Assigned, Fixtures.Now, ProjectRole.Coordinator)],
            result.Referral.History);
    }

    [Theory]
    [InlineData(ReferralState.Assigned)]
    [InlineData(ReferralState.Contacted)]
    public void Reassigning_to_another_mother_clears_the_previous_mothers_notes(ReferralState from)
    {
        var assigned = Fixtures.InState(from);
        Assert.NotNull(assigned.MotherNotes);

        var result = ReferralWorkflow.Apply(assigned, new AssignReferral(Fixtures.OtherMother), Fixtures.Coordinator, Fixtures.Now);

        Assert.True(result.Succeeded);
        Assert.Equal(Fixtures.OtherMother, result.Referral!.AssignedMotherId);
        Assert.Null(result.Referral.MotherNotes);
        Assert.Equal(ReferralState.Assigned, result.Referral.State);
        Assert.Equal(new ReferralEvent(ReferralState.Assigned, Fixtures.Now, ProjectRole.Coordinator), result.Referral.History[^1]);
        Assert.Equal(assigned.History.Count + 1, result.Referral.History.Count);
    }

    [Theory]
    [InlineData(ReferralState.Assigned)]
    [InlineData(ReferralState.Contacted)]
    public void Reassigning_to_the_same_mother_is_refused(ReferralState from)
    {
        var result = ReferralWorkflow.Apply(Fixtures.InState(from), new AssignReferral(Fixtures.AssignedMother), Fixtures.Coordinator, Fixtures.Now);

        Assert.Equal(TransitionError.InvalidTransition, result.Error);
        Assert.Null(result.Referral);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Assigning_to_nobody_is_invalid_input(string mother) =>
        Assert.Equal(TransitionError.InvalidInput, ReferralWorkflow.Apply(Fixtures.Submitted(), new AssignReferral(mother), Fixtures.Coordinator, Fixtures.Now).Error);

    [Theory]
    [InlineData(ReferralOutcome.JoinedActivities)]
    [InlineData(ReferralOutcome.ReferredOn)]
    [InlineData(ReferralOutcome.Declined)]
    public void Closing_without_contact_is_only_possible_as_not_reached(ReferralOutcome outcome) =>
        Assert.Equal(TransitionError.InvalidTransition, ReferralWorkflow.Apply(Fixtures.InState(ReferralState.Assigned), new CloseReferral(outcome), Fixtures.Mother, Fixtures.Now).Error);

    [Theory]
    [InlineData(ReferralState.Submitted)]
    [InlineData(ReferralState.Accepted)]
    [InlineData(ReferralState.Assigned)]
    [InlineData(ReferralState.Contacted)]
    public void Withdrawal_erases_the_personal_fields_in_the_same_transition(ReferralState from)
    {
        var before = Fixtures.InState(from);

        var after = ReferralWorkflow.Apply(before, new WithdrawReferral(), Fixtures.ReferrerStaff, Fixtures.Now).Referral!;

        Assert.Equal(ReferralState.Withdrawn, after.State);
        Assert.Null(after.Person);
        Assert.Null(after.Consent);
        Assert.Null(after.MotherNotes);
        Assert.Equal(Fixtures.Now, after.ErasedAt);
        AssertAnonymousRemainderKept(before, after);
        Assert.Equal(before.History.Append(new ReferralEvent(ReferralState.Withdrawn, Fixtures.Now, ProjectRole.PartnerStaff)), after.History);
    }

    [Fact]
    public void Erasure_is_idempotent_and_keeps_the_anonymous_remainder()
    {
        var closed = Fixtures.InState(ReferralState.Closed);

        var once = closed.Erased(Fixtures.Now);
        var twice = once.Erased(Fixtures.Now.AddDays(3));

        Assert.Null(once.Person);
        Assert.Null(once.Consent);
        Assert.Null(once.MotherNotes);
        Assert.Equal(Fixtures.Now, once.ErasedAt);
        Assert.Equal(once, twice);
        Assert.Equal(Fixtures.Now, twice.ErasedAt);
        AssertAnonymousRemainderKept(closed, twice);
        Assert.Equal(closed.State, twice.State);
        Assert.Equal(closed.History, twice.History);
        Assert.Equal(closed.Outcome, twice.Outcome);
    }

    [Fact]
    public void No_notes_can_be_written_into_an_erased_referral()
    {
        var erased = Fixtures.InState(ReferralState.Closed).Erased(Fixtures.Now);

        var result = ReferralWorkflow.Apply(erased, new EditMotherNotes("Hun hedder Fatima og bor i nr. 12"), Fixtures.Mother, Fixtures.Now.AddDays(1));

        Assert.Equal(TransitionError.InvalidTransition, result.Error);
        Assert.Null(result.Referral);
    }

    [Fact]
    public void Notes_up_to_the_limit_are_kept_trimmed_and_longer_ones_are_invalid_input()
    {
        var contacted = Fixtures.InState(ReferralState.Contacted);
        var atLimit = new string('a', ReferralWorkflow.MaxNotesLength);

        Assert.Equal(atLimit, ReferralWorkflow.Apply(contacted, new EditMotherNotes(atLimit), Fixtures.Mother, Fixtures.Now).Referral!.MotherNotes);
        Assert.Equal(atLimit, ReferralWorkflow.Apply(contacted, new EditMotherNotes("  " + atLimit + "\n"), Fixtures.Mother, Fixtures.Now).Referral!.MotherNotes);

        var tooLong = ReferralWorkflow.Apply(contacted, new EditMotherNotes(atLimit + "a"), Fixtures.Mother, Fixtures.Now);
        Assert.Equal(TransitionError.InvalidInput, tooLong.Error);
        Assert.Null(tooLong.Referral);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Empty_notes_clear_the_notes(string? notes) =>
        Assert.Null(ReferralWorkflow.Apply(Fixtures.InState(ReferralState.Contacted), new EditMotherNotes(notes), Fixtures.Mother, Fixtures.Now).Referral!.MotherNotes);

    [Fact]
    public void Too_long_notes_from_a_stranger_are_forbidden_not_invalid()
    {
        var stranger = new Actor("teacher-1", Fixtures.Project, ProjectRole.Teacher, null);
        var tooLong = new EditMotherNotes(new string('a', ReferralWorkflow.MaxNotesLength + 1));
        Assert.Equal(TransitionError.Forbidden, ReferralWorkflow.Apply(Fixtures.InState(ReferralState.Submitted), tooLong, stranger, Fixtures.Now).Error);
    }

    [Fact]
    public void Submit_records_the_referrer_and_her_organisation()
    {
        var referral = Fixtures.Submitted();

        Assert.Equal(ReferralState.Submitted, referral.State);
        Assert.Equal(Fixtures.Project, referral.ProjectId);
        Assert.Equal(Fixtures.Referrer, referral.ReferrerObjectId);
        Assert.Equal(Fixtures.ReferrerOrganisation, referral.ReferrerOrganisationId);
        Assert.Equal(Fixtures.SubmittedAt, referral.SubmittedAt);
        Assert.Equal(Fixtures.SubmittedAt, referral.LastChangedAt);
        Assert.True(referral.IsOpen);
        Assert.Null(referral.ErasedAt);
        Assert.Null(referral.AssignedMotherId);
        Assert.Equal([new ReferralEvent(ReferralState.Submitted, Fixtures.SubmittedAt, ProjectRole.PartnerStaff)], referral.History);
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother, null)]
    [InlineData(ProjectRole.Teacher, null)]
    [InlineData(ProjectRole.PartnerStaff, null)]
    [InlineData(ProjectRole.PartnerStaff, "")]
    public void Only_those_who_may_create_referrals_submit(ProjectRole role, string? organisation)
    {
        var actor = new Actor("someone", Fixtures.Project, role, organisation);
        Assert.Throws<UnauthorizedAccessException>(() => Referral.Submit("ref-9", actor, Fixtures.Person, Fixtures.Needs, Fixtures.Consent, Fixtures.Now));
    }

    [Theory]
    [InlineData(ReferralState.Submitted, true)]
    [InlineData(ReferralState.Accepted, true)]
    [InlineData(ReferralState.Assigned, true)]
    [InlineData(ReferralState.Contacted, true)]
    [InlineData(ReferralState.Declined, false)]
    [InlineData(ReferralState.Closed, false)]
    [InlineData(ReferralState.Withdrawn, false)]
    public void Open_states(ReferralState state, bool open) =>
        Assert.Equal(open, Fixtures.InState(state).IsOpen);

    /// <summary>Her open load and the card's "with Samira" count a referral only while she works on it.</summary>
    [Theory]
    [InlineData(ReferralState.Submitted, false)]
    [InlineData(ReferralState.Accepted, false)]
    [InlineData(ReferralState.Assigned, true)]
    [InlineData(ReferralState.Contacted, true)]
    [InlineData(ReferralState.Declined, false)]
    [InlineData(ReferralState.Closed, false)]
    [InlineData(ReferralState.Withdrawn, false)]
    public void The_working_mother_is_the_assigned_one_while_assigned_or_contacted(ReferralState state, bool working)
    {
        var referral = Fixtures.InState(state) with { AssignedMotherId = "mother-1" };

        Assert.Equal(working ? "mother-1" : null, referral.WorkingMotherId);
        Assert.Equal(working, Referral.WithMother(state));
    }

    [Fact]
    public void Null_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => ReferralWorkflow.Apply(null!, new AcceptReferral(), Fixtures.Coordinator, Fixtures.Now));
        Assert.Throws<ArgumentNullException>(() => ReferralWorkflow.Apply(Fixtures.Submitted(), null!, Fixtures.Coordinator, Fixtures.Now));
        Assert.Throws<ArgumentNullException>(() => ReferralWorkflow.Apply(Fixtures.Submitted(), new AcceptReferral(), null!, Fixtures.Now));
    }

    private static void AssertTransition(Actor actor, string command, ReferralState from, string expected)
    {
        var before = Fixtures.InState(from);
        var cmd = Command(command);

        var result = ReferralWorkflow.Apply(before, cmd, actor, Fixtures.Now);

        if (expected == "-")
        {
            Assert.False(result.Succeeded);
            Assert.Equal(TransitionError.InvalidTransition, result.Error);
            Assert.Null(result.Referral);
            return;
        }

        Assert.True(result.Succeeded, $"{result.Error}");
        var after = result.Referral!;
        var expectedState = Enum.Parse<ReferralState>(expected);
        Assert.Equal(expectedState, after.State);

        if (cmd is EditMotherNotes notes)
        {
            Assert.Equal(before.History, after.History);
            Assert.Equal(notes.Notes, after.MotherNotes);
        }
        else
        {
            Assert.Equal(before.History.Append(new ReferralEvent(expectedState, Fixtures.Now, actor.Role)), after.History);
            Assert.Equal(Fixtures.Now, after.LastChangedAt);
        }

        Assert.Equal(cmd is DeclineReferral decline ? decline.Reason : before.DeclineReason, after.DeclineReason);
        Assert.Equal(cmd is CloseReferral close ? close.Outcome : before.Outcome, after.Outcome);
        Assert.Equal(cmd is AssignReferral assign ? assign.MotherObjectId : before.AssignedMotherId, after.AssignedMotherId);
        AssertAnonymousRemainderKept(before, after);

        if (cmd is WithdrawReferral)
        {
            Assert.Null(after.Person);
            Assert.Null(after.Consent);
            Assert.Null(after.MotherNotes);
            Assert.Equal(Fixtures.Now, after.ErasedAt);
        }
        else
        {
            Assert.Equal(before.Person, after.Person);
            Assert.Equal(before.Consent, after.Consent);
            Assert.Equal(before.ErasedAt, after.ErasedAt);
        }
    }

    private static void AssertAnonymousRemainderKept(Referral before, Referral after)
    {
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.ProjectId, after.ProjectId);
        Assert.Equal(before.ReferrerObjectId, after.ReferrerObjectId);
        Assert.Equal(before.ReferrerOrganisationId, after.ReferrerOrganisationId);
        Assert.Equal(before.SubmittedAt, after.SubmittedAt);
        Assert.Equal(before.Needs, after.Needs);
    }

    private static ReferralCommand Command(string name) => name switch
    {
        "Accept" => new AcceptReferral(),
        "Decline" => new DeclineReferral(DeclineReason.NoCapacity),
        "Assign" => new AssignReferral(Fixtures.OtherMother),
        "RecordContact" => new RecordContact(),
        "CloseJoined" => new CloseReferral(ReferralOutcome.JoinedActivities),
        "CloseReferredOn" => new CloseReferral(ReferralOutcome.ReferredOn),
        "CloseDeclined" => new CloseReferral(ReferralOutcome.Declined),
        "CloseNotReached" => new CloseReferral(ReferralOutcome.NotReached),
        "Withdraw" => new WithdrawReferral(),
        "EditNotes" => new EditMotherNotes("Mødtes i Kvartershuset"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
