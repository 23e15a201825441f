using PartnerHub.Api.Demo;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>The demo's referrals, one in each state, and two onward referrals, for the cast in <see cref="DemoData"/>.</summary>
public sealed class ReferralDemoSeed(ReferralStore referrals, OnwardStore onwards) : IDemoSeed
{
    public int Order => 10;

    /// <summary>Each demo referral's id; each starts differently, so each card shows its own reference (H-Q7KT, not H-DEMO).</summary>
    public static class Ids
    {
        public const string Submitted = "q7ktdemosubmittd";
        public const string Accepted = "m2bxdemoaccepted";
        public const string Declined = "t4nrdemodeclined";
        public const string Assigned = "f6hwdemoassigned";
        public const string Contacted = "r3pcdemocontactd";
        public const string Closed = "w5jedemoclosedaa";
        public const string Withdrawn = "b2zgdemowithdrwn";
    }

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seeded = 0;
        foreach (var referral in Referrals(now))
        {
            if (await referrals.FindAsync(referral.ProjectId, referral.Id, cancellationToken) is null)
            {
                await referrals.CreateAsync(referral, "demo|" + referral.Id, [], cancellationToken);
                seeded++;
            }
        }

        foreach (var onward in OnwardReferrals(now))
        {
            if (await onwards.FindAsync(onward.ProjectId, onward.Id, cancellationToken) is null)
            {
                await onwards.CreateAsync(onward, "demo|" + onward.Id, [], cancellationToken);
                seeded++;
            }
        }

        return seeded;
    }

    /// <summary>
    /// Zahra (in contact with Adele) referred on to the family department a week ago and accepted by Patti; Hodan referred
    /// on to the health visitors two days ago, not answered yet. Made through Core, so both are states the workflow reaches.
    /// </summary>
    public static IEnumerable<OnwardReferral> OnwardReferrals(DateTimeOffset now)
    {
        var coordinator = Actor.From(DemoData.Coordinator);
        var byId = Referrals(now).ToDictionary(r => r.Id, StringComparer.Ordinal);
        Organisation To(string id) => DemoData.Organisations.Single(o => o.Id == id);

        var accepted = OnwardReferral.Send("demoonwardaccept", byId[Ids.Contacted], To("familieafdelingen"), NeedCategories.Authorities, coordinator, now.AddDays(-7));
        yield return accepted.Answer(accept: true, Actor.From(DemoData.SocialServicesStaff), now.AddDays(-5)).Onward
            ?? throw new InvalidOperationException("Demo onward referral cannot be answered.");
        yield return OnwardReferral.Send("demoonwardwaitss", byId[Ids.Assigned], To("sundhedsplejen"), NeedCategories.Health, coordinator, now.AddDays(-2));
    }

    /// <summary>
    /// One referral in each state, made by going through the real workflow so every one is a state it can reach, from the
    /// referral form as the kindergarten teacher would have filled it in on the day.
    /// </summary>
    public static IEnumerable<Referral> Referrals(DateTimeOffset now)
    {
        var partner = Actor.From(DemoData.KindergartenStaff);
        var coordinator = Actor.From(DemoData.Coordinator);
        var mother = Actor.From(DemoData.MotherAdele);
        Referral New(string id, string name, string area, NeedCategories needs, int daysAgo, string language)
        {
            var day = DateOnly.FromDateTime(now.AddDays(-daysAgo).UtcDateTime);
            var form = DemoForms.Valid(ReferralForm.Validate(
                new ReferralFormInput
                {
                    FirstNameOrInitials = name,
                    Languages = language + ",da",
                    Area = area,
                    ContactChannel = nameof(ContactChannel.ThroughReferrer),
                    BestTime = nameof(ContactTime.Morning),
                    Needs = needs.ToString(),
                    ConsentGivenBy = nameof(ConsentGivenBy.Herself),
                    ConsentMethod = nameof(ConsentMethod.Verbal),
                    ConsentDate = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ConsentLanguage = language,
                    ConsentConfirmed = "true",
                },
                DemoData.Vollsmose.Areas,
                partner.ObjectId,
                day));
            return Referral.Submit(id, partner, form.Person, form.Needs, form.Consent, now.AddDays(-daysAgo));
        }

        Referral Then(Referral referral, ReferralCommand command, Actor actor, int daysAgo) =>
            ReferralWorkflow.Apply(referral, command, actor, now.AddDays(-daysAgo)).Referral
                ?? throw new InvalidOperationException("Demo referral cannot take that step.");

        yield return New(Ids.Submitted, "Amina", "Bøgeparken", NeedCategories.Children | NeedCategories.Network, 1, "ar");
        yield return Then(New(Ids.Accepted, "F. A.", "Birkeparken", NeedCategories.Language, 3, "so"), new AcceptReferral(), coordinator, 2);
        yield return Then(New(Ids.Declined, "Leyla", "Granparken", NeedCategories.Work, 20, "tr"), new DeclineReferral(DeclineReason.OutsideArea), coordinator, 19);
        yield return Then(New(Ids.Assigned, "Hodan", "Egeparken", NeedCategories.Health | NeedCategories.Children, 6, "so"), new AssignReferral(DemoData.MotherAdele.ObjectId), coordinator, 5);
        var contacted = Then(New(Ids.Contacted, "Zahra", "Lærkeparken", NeedCategories.Authorities, 12, "fa"), new AssignReferral(DemoData.MotherAdele.ObjectId), coordinator, 11);
        yield return Then(contacted, new RecordContact(), mother, 8);
        var closed = Then(Then(New(Ids.Closed, "M. K.", "Hybenparken", NeedCategories.Network, 40, "ar"), new AssignReferral(DemoData.MotherIsaiah.ObjectId), coordinator, 39), new RecordContact(), Actor.From(DemoData.MotherIsaiah), 35);
        yield return Then(closed, new CloseReferral(ReferralOutcome.JoinedActivities), Actor.From(DemoData.MotherIsaiah), 30);
        yield return Then(New(Ids.Withdrawn, "Nour", "Bøgeparken", NeedCategories.Health, 9, "ar"), new WithdrawReferral(), partner, 7);
    }
}
