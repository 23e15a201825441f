using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Tests.Course;

public sealed class CertificateTests
{
    private static readonly CoursePlan Plan = CourseFixtures.Plan(4); // concept, child-rearing, youth, health: 5-26 January 2027
    private static readonly CourseParticipant[] Participants = [CourseFixtures.Aase, CourseFixtures.Leila];
    private static readonly DateOnly End = new(2027, 1, 26);

    private static AttendanceRegister AllPresent(CoursePlan plan, string participantId) =>
        new([.. plan.Sessions.Select(s => new AttendanceEntry(participantId, s.Id, AttendanceMark.Present))]);

    [Fact]
    public void A_completed_participant_gets_her_certificate_in_Danish()
    {
        var content = Certificate.For(CourseFixtures.Aase, "Bydelsmødre Vollsmose", "Mette Kjær", Plan, ThemeCatalogue.Default, AllPresent(Plan, "p1"), CompletionRule.Default, End, Languages.Danish);

        Assert.Equal(
            new CertificateContent(
                Languages.Danish,
                "Åse Ørsted",
                "Bydelsmødre Vollsmose",
                "tirsdag 5. januar 2027 – tirsdag 26. januar 2027",
                ["Bydelsmødrekonceptet", "Dansk og arabisk børneopdragelse", "Unge, alkohol og stoffer", "Sundhed, kost og motion"],
                "Mette Kjær"),
            content);
    }

    [Fact]
    public void In_English_when_chosen_and_without_cancelled_weeks()
    {
        var plan = CoursePlanEditor.Cancel(Plan, "s04", CourseFixtures.Today).Plan!;

        var content = Certificate.For(CourseFixtures.Aase, "Bydelsmødre Vollsmose", "Mette Kjær", plan, ThemeCatalogue.Default, AllPresent(plan, "p1"), CompletionRule.Default, End, Languages.English)!;

        Assert.Equal("Tuesday 5 January 2027 – Tuesday 19 January 2027", content.Period);
        Assert.Equal(["The Bydelsmødre concept", "Danish and Arab child-rearing", "Youth, alcohol and drugs"], content.Themes);
    }

    [Fact]
    public void No_certificate_for_a_participant_who_did_not_complete()
    {
        Assert.Null(Certificate.For(CourseFixtures.Leila, "Bydelsmødre Vollsmose", "Mette Kjær", Plan, ThemeCatalogue.Default, AllPresent(Plan, "p1"), CompletionRule.Default, End, Languages.Danish));
    }
}
