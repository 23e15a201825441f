namespace PartnerHub.EndToEnd.Tests;

/// <summary>The bot's contract as a Teams user sees it (cards/strings.da.json, strings.en.json), spelled out on purpose: a change to these words should fail here.</summary>
public static class BotTexts
{
    public const string WelcomeTitleDanish = "Velkommen til PartnerHub";

    /// <summary>
    /// Only installationUpdate welcomes. The Teams locale (the Playground's en-US) never picks the language: the welcome
    /// is in the project's language, Danish, unless she chose English.
    /// </summary>
    public static readonly IReadOnlyList<string> WelcomeTitles = [WelcomeTitleDanish];

    public const string HelpTitleDanish = "Hvad kan PartnerHub?";
    public const string HelpTitleEnglish = "What can PartnerHub do?";
    public const string ShowInEnglish = "Show in English";
    public const string ShowInDanish = "Vis på dansk";
    public const string HelpLanguageVerb = "help.language";

    // The Playground's mock tenant and users (.m365agentsplayground.yml), mapped onto project "vollsmose" by Demo:Seed (src/PartnerHub.Api/Demo/DemoData.cs).
    public const string PlaygroundTenant = "00000000-0000-0000-0000-000000000001";
    public const string ProjectId = "vollsmose";

    /// <summary>user-id-0, the page's current user: the coordinator.</summary>
    public const string Alex = "user-id-0";
    public const string AlexObjectId = "00000000-0000-0000-0000-000000000020";

    /// <summary>user-id-1: staff at Børnehuset Solsikken (a partner who refers).</summary>
    public const string Megan = "user-id-1";
    public const string MeganObjectId = "00000000-0000-0000-0000-000000000021";

    /// <summary>user-id-2: the neighbourhood mother "Adele".</summary>
    public const string Adele = "user-id-2";
    public const string AdeleObjectId = "00000000-0000-0000-0000-000000000022";

    // Referrals (cards/referral-*.card.json, strings.da.json "referral", "states").
    public const string ReferCommand = "henvis";
    public const string ReferralFormTitle = "Henvis en kvinde til Bydelsmødrene";
    public const string ReferralSubmit = "Send henvisning";
    public const string ReferralSubmitVerb = "referral.submit";
    public const string ReferralAssignVerb = "referral.assign";
    public const string ReferralContactVerb = "referral.contact";
    public const string ReferralCloseVerb = "referral.close";
    public static readonly IReadOnlyList<string> ReferralFormAreas = ["Bøgeparken", "Birkeparken", "Egeparken", "Lærkeparken", "Granparken", "Hybenparken"];

    public const string ReferralStatusKicker = "Din henvisning";
    public const string TriageKicker = "Henvisning";
    public const string AssignmentKicker = "Tildelt dig";
    public const string SubmittedNotice = "Tak! Henvisningen er sendt til koordinatoren.";
    public const string StaleNotice = "Kortet var forældet – her er den nyeste udgave. Prøv igen.";
    public const string OutcomeJoinedActivities = "JoinedActivities";

    public const string StateSubmitted = "Modtaget";
    public const string StateAssigned = "Tildelt en bydelsmor";
    public const string StateContacted = "I kontakt";
    public const string StateClosed = "Afsluttet";

    // The form's inputs as rendered (strings.da.json).
    public const string FirstNamePlaceholder = "F.eks. Amina eller F. A.";
    public const string NotePlaceholder = "F.eks.: Har en søn i børnehaven og vil gerne møde andre mødre.";
    public const string ContactThroughReferrer = "Gennem mig – f.eks. et møde i institutionen";
    public const string BestTimeMorning = "Formiddag";
    public const string NeedChildren = "Børn og opdragelse";
    public const string NeedNetwork = "Netværk og fællesskab";
    public const string ConsentHerself = "Hun selv";
    public const string ConsentVerbal = "Mundtligt";
    public const string ConsentConfirmedText = "Hun har sagt ja til, at PartnerHub gemmer de få oplysninger ovenfor, og at en bydelsmor kontakter hende. Hun ved, at hun når som helst kan trække sit samtykke tilbage.";

    // The local demo's "act as" (strings.da.json "chat.demo", "list", src/PartnerHub.Api/Bot/DemoPersonas.cs).
    public const string MyReferralsCommand = "mine henvisninger";
    public const string DemoSwitchedPrefix = "Du er nu ";
    public const string DemoSelfAlex = "Du er dig selv igen (Alex).";
    public const string MeganOrganisation = "Børnehuset Solsikken";
    public const string ListTitleProject = "Projektets henvisninger";
    public const string ListTitleMine = "Mine henvisninger";
    public const string ListTitleAssigned = "Henvisninger til mig";

    // The referral loop's buttons and texts in Danish (strings.da.json "referral.triage", "referral.assignment", "outcomes").
    public const string TriageAssign = "Tildel";
    public const string TriageAssignSubmit = "Tildel henvisningen";
    public const string SavedNotice = "Gemt.";
    public const string RecordContact = "Jeg har haft kontakt";
    public const string NotesPlaceholder = "F.eks. hvornår I talte sammen, og hvad I aftalte.";
    public const string SaveNotes = "Gem noter";
    public const string Close = "Afslut";
    public const string CloseSubmit = "Afslut henvisningen";
    public const string OutcomeJoinedActivitiesDanish = "Hun deltager i Bydelsmødrenes aktiviteter";
    public const string StatusPrivacy = "Du kan følge status, men ikke se bydelsmorens noter. Det beskytter kvindens fortrolighed.";
    public const string FirstNameLabel = "Fornavn eller initialer";
}
