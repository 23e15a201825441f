using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Referrals;

/// <summary>How a referral's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class ReferralRectification : IRectificationDeclaration
{
    public const string Person = "PATCH /api/projects/{projectId}/referrals/{referralId}/person";
    private const string Transitions = "POST /api/projects/{projectId}/referrals/{referralId}/transitions";
    private const string Actor = "hvem der handlede, skrevet af PartnerHub fra hendes log-ind: at rette det ville forfalske sagens spor";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = referral|{id}")
            .Through(Person, "kun de felter der sendes, ændres; koordinatoren retter alle, den tildelte nabomor navn, sprog, område og kontakt (ReferralCorrection)", [Coordinator, NeighbourhoodMother], "FirstName", "Languages", "Area", "ContactChannel", "BestTime", "Phone")
            .Through(Person, "koordinatoren retter henviserens note og samtykkets oplysninger (datoen højst 30 dage før henvisningen)", [Coordinator], "Note", "ConsentGivenBy", "ConsentMethod", "ConsentDate", "ConsentLanguage")
            .Through(Transitions, "handlingen editNotes erstatter noterne", [Coordinator, NeighbourhoodMother], "MotherNotes")
            .Through("referral.notes", "noterne rettes i kortet", [Coordinator, NeighbourhoodMother], "MotherNotes")
            .Through(Transitions, "handlingen assign giver henvisningen en anden nabomor", [Coordinator], "AssignedMotherId")
            .Through("referral.assign", "en anden nabomor vælges i kortet", [Coordinator], "AssignedMotherId")
            .NotCorrectable(Actor, "ReferrerObjectId", "ConsentRecordedBy"),
        new RectificationRow(TableNames.Main, "RowKey = onward|{id}")
            .NotCorrectable(Actor, "SentByObjectId", "AnsweredByObjectId"),
        new RectificationRow(TableNames.Main, "referral|{id}|kept")
            .NotCorrectable("hvem der har fået et kort om henvisningen i Teams, skrevet af PartnerHub da kortet blev sendt", "UserId"),
        new RectificationRow(TableNames.Main, "open-load, open-load|{shard}")
            .NotCorrectable("antallet af åbne henvisninger pr. nabomor, talt af PartnerHub med hver ændring: det rettes ved at rette henvisningerne (en anden nabomor, afslutning)", "Open"),
        new RectificationRow(TableNames.Main, "referral|{id}|holders")
            .NotCorrectable("hvor kortene om henvisningen ligger i Teams, skrevet af PartnerHub da kortene blev sendt", "h*"),
    ];
}
