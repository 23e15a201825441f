using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

public class SessionMinutesTests
{
    [Theory]
    [InlineData(SessionKind.Supervision, ".docx", "referat-supervision-2026-03-12-s-001.docx")]
    [InlineData(SessionKind.ExperienceExchange, ".pdf", "referat-experience-exchange-2026-03-12-s-001.pdf")]
    [InlineData(SessionKind.CourseFollowUp, ".TXT", "referat-course-follow-up-2026-03-12-s-001.txt")]
    [InlineData(SessionKind.Supervision, ".md", "referat-supervision-2026-03-12-s-001.md")]
    public void The_file_name_is_kind_date_and_id_only(SessionKind kind, string extension, string expected) =>
        Assert.Equal(expected, SessionMinutes.MinutesFileName(At(new DateOnly(2026, 3, 12), new TimeOnly(10, 0), kind), extension));

    [Fact]
    public void Docx_by_default() =>
        Assert.Equal("referat-supervision-2026-03-12-s-001.docx", SessionMinutes.MinutesFileName(Scheduled()));

    [Fact]
    public void The_date_is_the_copenhagen_date()
    {
        // 00:30 on 13 March in Copenhagen is 23:30 UTC on 12 March.
        var session = At(new DateOnly(2026, 3, 13), new TimeOnly(0, 30));
        Assert.Equal("referat-supervision-2026-03-13-s-001.docx", SessionMinutes.MinutesFileName(session));
    }

    [Fact]
    public void Nothing_personal_goes_into_the_name()
    {
        var session = Answered() with { Title = "Amina og Fatima", Agenda = "Fatima", Place = "Hos Amina" };
        var name = SessionMinutes.MinutesFileName(session);
        Assert.Equal("referat-supervision-2026-03-12-s-001.docx", name);
        Assert.All(new[] { "Amina", "Fatima", Amina, CoordinatorId }, word => Assert.DoesNotContain(word, name, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(".exe")]
    [InlineData(".docm")]
    [InlineData(".html")]
    [InlineData("docx")]
    [InlineData("")]
    [InlineData(".docx.exe")]
    [InlineData(".docx/../x")]
    [InlineData(".pdf ")]
    public void Other_extensions_are_rejected(string extension) =>
        Assert.Throws<ArgumentException>(() => SessionMinutes.MinutesFileName(Scheduled(), extension));

    [Fact]
    public void A_session_whose_id_is_not_plain_gets_no_file_name() =>
        Assert.Throws<ArgumentException>(() => SessionMinutes.MinutesFileName(Scheduled() with { Id = "../Amina" }));

    [Theory]
    [InlineData("Referat 3. marts.PDF", ".pdf")]
    [InlineData("referat.docx", ".docx")]
    [InlineData("a.exe.md", ".md")]
    [InlineData("noter.txt", ".txt")]
    [InlineData("referat.docx.exe", null)]
    [InlineData("referat.doc", null)]
    [InlineData("referat", null)]
    [InlineData("referat.", null)]
    [InlineData(".docx", null)]
    [InlineData(" ", null)]
    [InlineData(null, null)]
    public void The_extension_of_an_upload_is_taken_only_if_allowed(string? uploaded, string? expected) =>
        Assert.Equal(expected, SessionMinutes.AllowedExtensionOf(uploaded));

    [Fact]
    public void Kind_slugs_are_kebab_case() =>
        Assert.Equal(["supervision", "experience-exchange", "course-follow-up"], Enum.GetValues<SessionKind>().Select(SessionMinutes.KindSlug));

    [Fact]
    public void Only_the_session_s_own_minutes_names_are_its_minutes()
    {
        var session = Scheduled();
        Assert.All(SessionMinutes.AllowedExtensions, ext => Assert.True(SessionMinutes.IsMinutesFileNameFor(session, SessionMinutes.MinutesFileName(session, ext))));
        Assert.False(SessionMinutes.IsMinutesFileNameFor(session, "referat-supervision-2026-03-12-s-001.DOCX"));
        Assert.False(SessionMinutes.IsMinutesFileNameFor(session, null));
        Assert.False(SessionMinutes.IsMinutesFileNameFor(session with { Id = "x/y" }, "referat-supervision-2026-03-12-x/y.docx"));
    }
}
