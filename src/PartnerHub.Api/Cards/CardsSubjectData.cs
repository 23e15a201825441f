using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Cards;

/// <summary>
/// The cards' part of a subject export: who has a card about a woman's referral in Teams (the card's content is the
/// referral, shown in the referral's section). Only ids are stored here.
/// </summary>
internal sealed class CardsSubjectData(CardLocationStore cards) : ISubjectDataSource
{
    public IReadOnlyList<string> Covers { get; } = [SubjectRows.Of(TableNames.Main, "PartitionKey = projekt-id; RowKey = card|{art}|{post-id}|{object id}")];

    public async Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject is not ReferredWoman woman)
        {
            return [];
        }

        var locations = await cards.ForAsync(woman.ProjectId, CardKind.Referral, woman.ReferralId, cancellationToken);
        return [new("cards", [.. locations.Select(l => new SubjectRecord(l.ActivityId, [SubjectField.Person("CardHolder", l.ObjectId), SubjectField.Text("CardLanguage", l.Language)]))])];
    }
}
