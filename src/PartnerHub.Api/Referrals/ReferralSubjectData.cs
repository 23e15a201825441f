using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// The referral feature's part of a subject export: a woman's referral (her fields, consent, notes, assigned mother,
/// timeline) and its onward referrals; for a neighbourhood mother, the open referrals assigned to her.
/// </summary>
internal sealed class ReferralSubjectData(ReferralStore referrals, OnwardStore onward) : ISubjectDataSource
{
    public IReadOnlyList<string> Covers { get; } =
    [
        SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = referral|{id}"),
        SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = onward|{id}, onward-to|{organisation}|{id}, onward-of|{henvisning}|{id}"),
        SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = by-mother|{nabomors object id}|{id}"),
        // Her entry there is the number of the open referrals listed from her by-mother rows.
        SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = open-load, open-load|{shard}"),
    ];

    public Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken) => subject switch
    {
        ReferredWoman woman => WomanAsync(woman, cancellationToken),
        DirectoryPerson person => MotherAsync(person, cancellationToken),
        _ => Task.FromResult<IReadOnlyList<SubjectSection>>([]),
    };

    private async Task<IReadOnlyList<SubjectSection>> WomanAsync(ReferredWoman woman, CancellationToken cancellationToken)
    {
        if (await referrals.FindAsync(woman.ProjectId, woman.ReferralId, cancellationToken) is not { Referral: var referral })
        {
            return [];
        }

        var onwards = await onward.OfReferralAsync(woman.ProjectId, woman.ReferralId, cancellationToken);
        return
        [
            new("referral", [new SubjectRecord(referral.Id, Fields(referral))])
            {
                AuditedAs = [(ReferralService.RecordType, referral.Id), .. onwards.Select(o => (OnwardService.RecordType, o.Id))],
                Since = referral.SubmittedAt,
            },
            new("referralHistory", [.. referral.History.Select((e, i) => new SubjectRecord(
                i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SubjectField.Code("State", e.State.ToString(), "states"), SubjectField.Instant("At", e.At), SubjectField.Code("ByRole", e.ByRole.ToString(), "directory.roles")]))]),
            new("onward", [.. onwards.Select(o => new SubjectRecord(o.Id,
            [
                SubjectField.Text("ToOrganisationId", o.ToOrganisationId),
                SubjectField.Code("State", o.State.ToString(), "onward.states"),
                SubjectField.Instant("SentAt", o.SentAt),
                SubjectField.Person("SentByObjectId", o.SentByObjectId),
                SubjectField.Code("Needs", o.Needs.ToString(), "needs"),
                SubjectField.Instant("AnsweredAt", o.AnsweredAt),
                SubjectField.Person("AnsweredByObjectId", o.AnsweredByObjectId),
            ]))]),
        ];
    }

    private static List<SubjectField> Fields(Referral referral) =>
    [
        SubjectField.Text("Reference", ReferralIds.Reference(referral.Id)),
        SubjectField.Code("State", referral.State.ToString(), "states"),
        SubjectField.Instant("SubmittedAt", referral.SubmittedAt),
        SubjectField.Person("ReferrerObjectId", referral.ReferrerObjectId),
        SubjectField.Text("ReferrerOrganisationId", referral.ReferrerOrganisationId),
        SubjectField.Text("FirstName", referral.Person?.FirstNameOrInitials),
        SubjectField.Codes("Languages", referral.Person?.PreferredLanguages ?? [], "languages"),
        SubjectField.Text("Area", referral.Person?.Area),
        SubjectField.Code("ContactChannel", referral.Person?.Contact.Channel.ToString(), "contact.channelLabels"),
        SubjectField.Code("BestTime", referral.Person?.Contact.BestTime.ToString(), "contact.times"),
        SubjectField.Text("Phone", referral.Person?.Contact.PhoneNumber),
        SubjectField.Text("Note", referral.Person?.Note),
        SubjectField.Code("Needs", referral.Needs.ToString(), "needs"),
        SubjectField.Code("ConsentGivenBy", referral.Consent?.GivenBy.ToString(), "consent.givenBy"),
        SubjectField.Code("ConsentMethod", referral.Consent?.Method.ToString(), "consent.method"),
        SubjectField.Date("ConsentDate", referral.Consent?.GivenOn),
        SubjectField.Code("ConsentLanguage", referral.Consent?.ExplainedInLanguage, "languages"),
        SubjectField.Person("ConsentRecordedBy", referral.Consent?.RecordedByObjectId),
        SubjectField.Person("AssignedMotherId", referral.AssignedMotherId),
        SubjectField.Text("MotherNotes", referral.MotherNotes),
        SubjectField.Code("DeclineReason", referral.DeclineReason?.ToString(), "declineReasons"),
        SubjectField.Code("Outcome", referral.Outcome?.ToString(), "outcomes"),
        SubjectField.Instant("ErasedAt", referral.ErasedAt),
    ];

    private async Task<IReadOnlyList<SubjectSection>> MotherAsync(DirectoryPerson person, CancellationToken cancellationToken)
    {
        var ids = await referrals.OpenIdsForMotherAsync(person.ProjectId, person.ObjectId, cancellationToken);
        return [new("assignedReferrals", [.. ids.Select(id => new SubjectRecord(id, [SubjectField.Text("Reference", ReferralIds.Reference(id))]))])];
    }
}
