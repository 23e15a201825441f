using PartnerHub.Api.AuditTrail;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.AuditTrail;

/// <summary>The audit trail's words: both languages complete, and every action name the features audit has plain words.</summary>
public sealed class AuditTrailTextsTests
{
    private static readonly string[] RecordTypes =
        ["referral", "onward", "session", "directory", "cohort", "booking", "course-settings", "certificate", "report", "project", "member", "outreach", "audit", ProjectRoleFilter.EndpointRecordType];

    private readonly AuditTrailTexts _texts = new();

    /// <summary>Every action the code declares (<see cref="AuditActions"/>: marked enums and constants), not a list kept by hand.</summary>
    public static TheoryData<string> Actions()
    {
        var data = new TheoryData<string>();
        foreach (var name in AuditActions.All)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_audited_action_reads_in_plain_danish_and_english(string action)
    {
        var danish = _texts.For("da").Action(action);
        var english = _texts.For("en").Action(action);

        Assert.NotEqual(action, danish);
        Assert.NotEqual(action, english);
        Assert.NotEqual(danish, english);
    }

    [Fact]
    public void The_registry_holds_the_enums_the_services_constants_and_the_refusals()
    {
        Assert.Contains(nameof(ReferralAction.Rectify), AuditActions.All);
        Assert.Contains(nameof(OutreachAction.CorrectTopics), AuditActions.All);
        Assert.Contains(ProjectRoleFilter.RefusedAction, AuditActions.All);
        Assert.Contains(AuditTrailService.ExportAction, AuditActions.All);
        Assert.Contains(PartnerHub.Api.Supervision.SessionService.CorrectCancellationAction, AuditActions.All);
        Assert.Contains("subject.erase", AuditActions.All);
        Assert.Contains("EraseParticipant", AuditActions.All);
        Assert.Empty(AuditActions.WithoutWords(AuditActions.All, _texts));
    }

    [Fact]
    public void An_action_declared_without_words_is_found()
    {
        // A copy of the registry with one more marked action, as a feature adding one without texts would make it.
        var withNew = AuditActions.In(typeof(AuditActions).Assembly, typeof(UnnamedActions).Assembly);

        Assert.Contains(UnnamedActions.Unnamed, withNew);
        Assert.Equal([UnnamedActions.Unnamed], AuditActions.WithoutWords(withNew, _texts));
    }

    [Fact]
    public void Every_record_type_and_role_has_words_and_an_unknown_action_shows_as_stored()
    {
        foreach (var language in new[] { "da", "en" })
        {
            var text = _texts.For(language);
            Assert.All(RecordTypes, type => Assert.NotEqual(type, text.RecordType(type)));
            Assert.All(Enum.GetValues<ProjectRole>(), role => Assert.Contains("(", text.Member(new ProjectMember("o", "p", role, null, "Ane")), StringComparison.Ordinal));
            Assert.Equal("SomethingNew", text.Action("SomethingNew"));
        }

        Assert.Equal("Ane (bydelsmor)", _texts.For("da").Member(new ProjectMember("o", "p", ProjectRole.NeighbourhoodMother, null, "Ane")));
        Assert.Equal("Ane (neighbourhood mother)", _texts.For("en").Member(new ProjectMember("o", "p", ProjectRole.NeighbourhoodMother, null, "Ane")));
    }

    [Fact]
    public void Both_languages_have_the_same_keys_and_danish_is_the_default()
    {
        Assert.Equal(AuditTrailTexts.Load("da").Keys.Order(StringComparer.Ordinal), AuditTrailTexts.Load("en").Keys.Order(StringComparer.Ordinal));
        Assert.Equal("da", _texts.For(null).Language);
        Assert.Equal("da", _texts.For("fr-FR").Language);
        Assert.Equal("en", _texts.For("en-GB").Language);
        Assert.Equal("Revisionsspor", _texts.For("da")["page.heading"]);
        Assert.Equal("Audit trail", _texts.For("en")["page.heading"]);
    }

    [Fact]
    public void People_outside_the_directory_are_named_by_what_they_are()
    {
        var danish = _texts.For("da");

        Assert.Equal("PartnerHub (sletning efter opbevaringstiden)", danish.NotInDirectory("retention"));
        Assert.Equal("PartnerHub", danish.NotInDirectory("partnerhub"));
        Assert.Equal("Kursusdeltager (via sit link)", danish.NotInDirectory("participant:p1"));
        Assert.Equal("Person uden for projektet", danish.NotInDirectory(Guid.NewGuid().ToString()));
    }
}

/// <summary>An action a feature might add and forget to name (test assembly only).</summary>
internal static class UnnamedActions
{
    [AuditAction]
    public const string Unnamed = "SomethingUnnamed";
}
