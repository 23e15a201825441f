using CsCheck;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Referrals;

/// <summary>The counters kept change by change must always equal a recount from the referrals themselves.</summary>
public class ReferralCountingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<ReferralCommand> Command = Gen.OneOf<ReferralCommand>(
        Gen.Const<ReferralCommand>(new AcceptReferral()),
        Gen.Enum<DeclineReason>().Select(reason => (ReferralCommand)new DeclineReferral(reason)),
        Gen.Bool.Select(first => (ReferralCommand)new AssignReferral(first ? "mother-a" : "mother-b")),
        Gen.Const<ReferralCommand>(new RecordContact()),
        Gen.Const<ReferralCommand>(new RecordContact()),
        Gen.Enum<ReferralOutcome>().Select(outcome => (ReferralCommand)new CloseReferral(outcome)),
        Gen.Const<ReferralCommand>(new WithdrawReferral()),
        Gen.Const<ReferralCommand>(new EditMotherNotes("note")));

    // Steps of up to ~40 days, so events cross month ends (and the summer-time change) often.
    private static readonly Gen<(ReferralCommand Command, int Minutes)> Step = Gen.Select(Command, Gen.Int[1, 60_000]);

    private static readonly Gen<(int StartMinutes, int Needs, OrganisationKind? Kind, (ReferralCommand Command, int Minutes)[] Steps)> Workflow =
        Gen.Select(Gen.Int[0, 500_000], Gen.Int[0, 63], Gen.Int[-1, Enum.GetValues<OrganisationKind>().Length - 1].Select(k => k < 0 ? null : (OrganisationKind?)k), Step.Array[0, 8]);

    [Fact]
    public void Counters_kept_change_by_change_equal_a_recount_from_the_referrals() =>
        Workflow.Array[1, 25].Sample(workflows =>
        {
            var kept = new MonthlyCounters();
            var final = new List<(Referral Referral, OrganisationKind? Kind)>();
            foreach (var (index, workflow) in workflows.Index())
            {
                var referral = Submit(index, workflow.StartMinutes, (NeedCategories)workflow.Needs);
                kept.Add(ReferralCounting.Changes(null, referral, workflow.Kind));
                var now = referral.SubmittedAt;
                foreach (var (command, minutes) in workflow.Steps)
                {
                    now = now.AddMinutes(minutes);
                    if (Apply(referral, command, now) is { } after)
                    {
                        kept.Add(ReferralCounting.Changes(referral, after, workflow.Kind));
                        referral = after;
                    }
                }

                final.Add((referral, workflow.Kind));
            }

            Assert.Equal(Sorted(Recount(final).NonZero()), Sorted(kept.NonZero()));
        }, iter: 300, threads: 1);

    [Fact]
    public void A_referral_is_counted_in_the_Copenhagen_month_it_was_submitted_in()
    {
        // 23:30 UTC on 31 October is already 1 November in Copenhagen.
        var referral = Referral.Submit("ref-1", Fixtures.ReferrerStaff, Fixtures.Person, NeedCategories.Health, Fixtures.Consent, new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero));
        var deltas = ReferralCounting.Changes(null, referral, OrganisationKind.School);
        Assert.All(deltas, delta => Assert.Equal(new DateOnly(2026, 11, 1), delta.Month));
        Assert.Contains(new CounterDelta(new DateOnly(2026, 11, 1), "orgKind.School", 1), deltas);
        Assert.Contains(new CounterDelta(new DateOnly(2026, 11, 1), "need.Health", 1), deltas);
    }

    [Fact]
    public void First_contact_counts_whole_Copenhagen_days_once_even_after_reassignment()
    {
        var referral = Submit(0, 0, NeedCategories.Work);
        var days = new List<CounterDelta>();
        foreach (var (command, at) in new (ReferralCommand, int)[] { (new AssignReferral("mother-a"), 1), (new RecordContact(), 3), (new AssignReferral("mother-b"), 5), (new RecordContact(), 9) })
        {
            var after = Apply(referral, command, referral.SubmittedAt.AddDays(at))!;
            days.AddRange(ReferralCounting.Changes(referral, after, null).Where(d => d.Key.StartsWith(ReferralCounting.FirstContactDaysPrefix, StringComparison.Ordinal)));
            referral = after;
        }

        Assert.Equal(["firstContactDays.3"], days.Select(d => d.Key));
    }

    [Fact]
    public void An_onward_referral_counts_sent_when_sent_and_its_answer_when_answered()
    {
        var sent = new OnwardReferral
        {
            Id = "o1",
            ProjectId = "p",
            ReferralId = "r1",
            ToOrganisationId = "job",
            State = OnwardState.Sent,
            SentAt = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero),
            SentByObjectId = "c",
            Needs = NeedCategories.Work,
        };
        var answered = sent with { State = OnwardState.Accepted, AnsweredAt = new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero), AnsweredByObjectId = "s" };

        Assert.Equal([new CounterDelta(new DateOnly(2026, 3, 1), "onward.JobCentre.Sent", 1)], OnwardCounting.Changes(null, sent, OrganisationKind.JobCentre));
        Assert.Equal([new CounterDelta(new DateOnly(2026, 4, 1), "onward.JobCentre.Accepted", 1)], OnwardCounting.Changes(sent, answered, OrganisationKind.JobCentre));
        Assert.Empty(OnwardCounting.Changes(answered, answered, OrganisationKind.JobCentre));
    }

    /// <summary>Counts the final referrals from scratch: what a scan over the project's history would say.</summary>
    private static MonthlyCounters Recount(IEnumerable<(Referral Referral, OrganisationKind? Kind)> referrals)
    {
        var counters = new MonthlyCounters();
        foreach (var (referral, kind) in referrals)
        {
            var submitted = MonthOf(referral.SubmittedAt);
            counters.Add(submitted, "count", 1);
            counters.Add(submitted, kind is null ? "orgKind.None" : "orgKind." + kind, 1);
            foreach (var need in Enum.GetValues<NeedCategories>().Where(n => n != NeedCategories.None && (referral.Needs & n) == n))
            {
                counters.Add(submitted, "need." + need, 1);
            }

            foreach (var first in referral.History.GroupBy(e => e.State).Select(g => g.First()))
            {
                counters.Add(MonthOf(first.At), "state." + first.State, 1);
                if (first.State == ReferralState.Contacted)
                {
                    var days = CopenhagenTime.DateOf(first.At).DayNumber - CopenhagenTime.DateOf(referral.SubmittedAt).DayNumber;
                    counters.Add(MonthOf(first.At), "firstContactDays." + days, 1);
                }

                if (first.State == ReferralState.Closed)
                {
                    counters.Add(MonthOf(first.At), "outcome." + referral.Outcome, 1);
                }
            }
        }

        return counters;
    }

    private static DateOnly MonthOf(DateTimeOffset instant)
    {
        var day = CopenhagenTime.DateOf(instant);
        return new DateOnly(day.Year, day.Month, 1);
    }

    private static Referral Submit(int index, int startMinutes, NeedCategories needs) =>
        Referral.Submit($"ref-{index}", Fixtures.ReferrerStaff, Fixtures.Person, needs, Fixtures.Consent, Start.AddMinutes(startMinutes));

    /// <summary>The coordinator acts, or the assigned mother where only she may; null when the step is refused.</summary>
    private static Referral? Apply(Referral referral, ReferralCommand command, DateTimeOffset now)
    {
        var result = ReferralWorkflow.Apply(referral, command, Fixtures.Coordinator, now);
        if (result.Error == TransitionError.Forbidden && referral.AssignedMotherId is { } mother)
        {
            result = ReferralWorkflow.Apply(referral, command, new Actor(mother, Fixtures.Project, ProjectRole.NeighbourhoodMother, null), now);
        }

        return result.Referral;
    }

    private static List<string> Sorted(IReadOnlyDictionary<(DateOnly Month, string Key), int> counters) =>
        counters.Select(pair => $"{pair.Key.Month:yyyy-MM} {pair.Key.Key}={pair.Value}").Order(StringComparer.Ordinal).ToList();
}
