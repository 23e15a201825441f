using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Privacy;

namespace PartnerHub.Api.Referrals;

/// <summary>What the referral feature stores (docs/privacy.md is generated from this).</summary>
internal sealed class ReferralDataInventory : IDataInventory
{
    private const string Referral = "Referrals/ReferralEntity.cs";
    private const string Store = "Referrals/ReferralStore.cs";
    private const string Onward = "Referrals/OnwardStore.cs";
    private const string Beside = "Referrals/ReferralBeside.cs";
    private const string LoadRows = "Referrals/OpenLoadRows.cs";
    private const string Project = "PartitionKey = projekt-id; ";

    private static Retention Erased => Retention.Until(
        $"personoplysningerne slettes {RetentionPolicy.AfterEnd.TotalDays:0} dage efter at henvisningen er afsluttet, straks når samtykket trækkes tilbage, og straks når hun beder om sletning; resten (tilstand, datoer, behovskategorier, organisationer) bevares til statistik",
        $"RetentionSweep (Referrals/RetentionSweep.cs) hver {RetentionSweep.Interval.TotalHours:0}. time efter RetentionPolicy (Core/Privacy); tilbagetrækning i ReferralService; sletning på anmodning i ReferralSubjectEraser (Privacy/Subjects)");

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, Project + "RowKey = referral|{id}", "En henvisning af en kvinde: den eneste række med hendes personoplysninger.")
            .WrittenIn(Referral)
            .SeenBy("koordinatorer og den tildelte nabomor (felt for felt efter ReferralVisibility, se adgangsmatrixen); den henvisende organisation ser status og fornavn")
            .Kept(Erased)
            .With(DataKind.WomanData, "at nabomoren kan finde og kontakte hende", "FirstName", "Languages", "Area", "ContactChannel", "BestTime", "Phone")
            .With(DataKind.FreeText, "henviserens korte note om hvad hun har brug for", "Note")
            .With(DataKind.FreeText, "nabomorens egne noter fra kontakten", "MotherNotes")
            .With(DataKind.WomanData, "dokumentation af samtykket (hvem, hvordan, hvornår, på hvilket sprog)", "ConsentGivenBy", "ConsentMethod", "ConsentDate", "ConsentLanguage")
            .With(DataKind.PersonId, "hvem registrerede samtykket", "ConsentRecordedBy")
            .With(DataKind.PersonId, "hvem henviste, og hvilken nabomor arbejder med hende", "ReferrerObjectId", "AssignedMotherId")
            .With(DataKind.NotPersonal, "sagens gang og statistik (bevares efter sletning)", "State", "ReferrerOrganisationId", "SubmittedAt", "Needs", "DeclineReason", "Outcome", "ErasedAt")
            .With(DataKind.NotPersonal, "tidslinjen: tilstande med tidspunkt og rolle, ingen navne", "History"),
        new StoredRow(TableNames.Main, Project + "RowKey = by-time|…, by-state|{tilstand}|…, by-partner|{organisation}|…", "Indeks over henvisninger til lister (kun id og tilstand).")
            .WrittenIn(Store)
            .SeenBy("ingen direkte; bruges til at slå henvisninger op")
            .Kept(Retention.WhileProjectExists("flyttes når tilstanden skifter"))
            .With(DataKind.NotPersonal, "listens filter", "State"),
        new StoredRow(TableNames.Main, Project + "RowKey = by-mother|{nabomors object id}|{id}", "Indeks: de henvisninger en nabomor har fået (object id i nøglen).")
            .WrittenIn(Store)
            .SeenBy("ingen direkte; nabomoren ser sin egen liste")
            .Kept(Retention.WhileProjectExists("fjernes når henvisningen får en anden nabomor"))
            .With(DataKind.NotPersonal, "listens filter", "State"),
        new StoredRow(TableNames.Main, Project + "RowKey = open-load, open-load|{shard}", "Hvor mange åbne henvisninger hver nabomor har (triagekortets \"Samira – 2 aktive\"), talt med i hver ændrings egen transaktion, så kortet læser tallene på nøglen.")
            .WrittenIn(LoadRows)
            .SeenBy("koordinatorer, som et antal ved nabomorens fornavn på triagekortet")
            .Kept(Retention.WhileProjectExists("en nabomor står i rækken kun mens hun har åbne henvisninger"))
            .With(DataKind.PersonId, "antal åbne henvisninger pr. nabomor (object id og antal)", "Open")
            .With(DataKind.NotPersonal, "hvilke tællerrækker der kan findes, og at tallene er komplette", "Shards", "Kept"),
        new StoredRow(TableNames.Main, Project + "RowKey = referral|{id}|card|{object id}, referral|{id}|onward, referral|{id}|kept", "Ved siden af henvisningen: hvem har et kort om den, og om den er henvist videre, så henvisningen læses med ét opslag (kun id'er).")
            .WrittenIn(Beside)
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.PersonId, "hendes Teams-bruger, så kortet kan opdateres automatisk", "UserId"),
        new StoredRow(TableNames.Main, Project + "RowKey = referral|{id}|holders", "Ved siden af henvisningen i én række: hvor hvert kort om den ligger (én kolonne pr. person, navngivet efter et hash af hendes object id), og om den er henvist videre, så henvisningen og dens kort findes med opslag på nøglen.")
            .WrittenIn(Beside, "Cards/Holders/HoldersRow.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.PersonId, "hvor hendes kort ligger: Teams-bruger, samtale og besked (det samme som kortets card|referral|…-række)", "h*")
            .With(DataKind.NotPersonal, "rækken blev oprettet med henvisningen og er komplet; den er henvist videre", "Complete", "Onward"),
        new StoredRow(TableNames.Main, Project + "RowKey = dedupe|{hash}", "Idempotens: en ændring af en henvisning eller videre-henvisning udføres én gang.")
            .WrittenIn(Store, Onward)
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "hvilken post ændringen gjaldt", "ReferralId", "OnwardId"),
        new StoredRow(TableNames.Main, Project + "RowKey = onward|{id}, onward-to|{organisation}|{id}, onward-of|{henvisning}|{id}", "En videre-henvisning til en anden organisations tilbud og dens indeks. Hendes oplysninger læses fra henvisningen, så de forsvinder når den slettes.")
            .WrittenIn(Onward)
            .SeenBy("koordinatorer; den modtagende organisations medarbejdere (kun felterne i ReferralVisibility.OnwardFields)")
            .Kept(Retention.WhileProjectExists("personoplysningerne ligger kun i henvisningen og slettes med den"))
            .With(DataKind.PersonId, "hvem sendte og hvem svarede", "SentByObjectId", "AnsweredByObjectId")
            .With(DataKind.NotPersonal, "sagens gang og statistik", "ReferralId", "ToOrganisationId", "State", "SentAt", "Needs", "AnsweredAt"),
    ];
}
