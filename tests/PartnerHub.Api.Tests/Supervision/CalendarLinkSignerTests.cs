using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Links;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>The signed .ics link: what the signature binds, how it expires, and how the key is configured.</summary>
public sealed class CalendarLinkSignerTests
{
    private const string ProjectId = "vollsmose";
    private const string SessionId = "s-abcdefghijkl";
    private const string Recipient = "00000000-0000-4000-8000-00000000b001";
    private const long Expires = 1_800_000_000;

    private readonly CalendarLinkSigner _signer = new(CalendarLinkTestKey.Bytes);

    [Fact]
    public void A_signature_verifies_for_exactly_the_values_it_was_made_for()
    {
        var signature = _signer.Sign(ProjectId, SessionId, Recipient, Expires);

        Assert.Equal(43, signature.Length); // 32 bytes, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]{43}$", signature);
        Assert.True(_signer.Verify(ProjectId, SessionId, Recipient, Expires, signature));
        Assert.False(_signer.Verify("noerrebro", SessionId, Recipient, Expires, signature));
        Assert.False(_signer.Verify(ProjectId, "s-abcdefghijkm", Recipient, Expires, signature));
        Assert.False(_signer.Verify(ProjectId, SessionId, "00000000-0000-4000-8000-00000000b002", Expires, signature));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires + 1, signature));
    }

    [Fact]
    public void A_changed_or_malformed_signature_and_another_key_fail()
    {
        var signature = _signer.Sign(ProjectId, SessionId, Recipient, Expires);
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, flipped));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, signature[..42]));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, signature + "A"));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, signature.Replace(signature[5], '+')));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, "%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%"));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, null));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient, Expires, string.Empty));

        var otherKey = new CalendarLinkSigner(Enumerable.Repeat((byte)42, 32).ToArray());
        Assert.False(otherKey.Verify(ProjectId, SessionId, Recipient, Expires, signature));
    }

    [Fact]
    public void Ids_that_fail_their_validators_are_neither_signed_nor_verified()
    {
        var signature = _signer.Sign(ProjectId, SessionId, Recipient, Expires);

        Assert.Throws<ArgumentException>(() => _signer.Sign(ProjectId, SessionId + "\n", Recipient, Expires));
        Assert.Throws<ArgumentException>(() => _signer.Sign("../etc", SessionId, Recipient, Expires));
        Assert.Throws<ArgumentException>(() => _signer.Sign(ProjectId, SessionId, "a b", Expires));
        Assert.False(_signer.Verify(null, SessionId, Recipient, Expires, signature));
        Assert.False(_signer.Verify(ProjectId, SessionId, Recipient + "\nx", Expires, signature));
        Assert.Throws<ArgumentException>(() => new CalendarLinkSigner(new byte[31]));
    }

    [Fact]
    public void A_link_is_authentic_only_before_its_expiry_and_never_beyond_the_longest_lifetime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Expires - 3600));
        var links = Links(time);

        Assert.True(links.IsAuthentic(ProjectId, SessionId, Recipient, Expires.ToString(System.Globalization.CultureInfo.InvariantCulture), _signer.Sign(ProjectId, SessionId, Recipient, Expires)));
        time.Advance(TimeSpan.FromHours(1));
        Assert.False(links.IsAuthentic(ProjectId, SessionId, Recipient, Expires.ToString(System.Globalization.CultureInfo.InvariantCulture), _signer.Sign(ProjectId, SessionId, Recipient, Expires)));

        // Even correctly signed (say, with a leaked key), an expiry beyond 400 days is not ours.
        var far = time.GetUtcNow().AddDays(401).ToUnixTimeSeconds();
        Assert.False(links.IsAuthentic(ProjectId, SessionId, Recipient, far.ToString(System.Globalization.CultureInfo.InvariantCulture), _signer.Sign(ProjectId, SessionId, Recipient, far)));

        foreach (var exp in new[] { null, string.Empty, "-1", "+1800000000", "1.8e9", " 1800000000", "99999999999999999999" })
        {
            Assert.False(links.IsAuthentic(ProjectId, SessionId, Recipient, exp, _signer.Sign(ProjectId, SessionId, Recipient, Expires)));
        }
    }

    [Fact]
    public void The_link_is_for_invitees_and_the_organiser_expires_two_weeks_after_the_session_and_is_absent_when_cancelled()
    {
        var now = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(now);
        var links = Links(time);
        var session = SessionDemoSeed.Sessions(now).First(s => s.State == SessionState.Scheduled);

        var url = new Uri(Assert.IsType<string>(links.For(session, DemoData.MotherAdele.ObjectId)));
        Assert.Equal("https", url.Scheme);
        Assert.Equal($"/calendar/{session.ProjectId}/{session.Id}.ics", url.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(DemoData.MotherAdele.ObjectId, (string?)query["for"]);
        Assert.Equal((session.End + TimeSpan.FromDays(14)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)query["exp"]);
        Assert.True(links.IsAuthentic(session.ProjectId, session.Id, query["for"], query["exp"], query["sig"]));
        Assert.False(links.IsAuthentic(session.ProjectId, session.Id, DemoData.MotherIsaiah.ObjectId, query["exp"], query["sig"]));

        Assert.NotNull(links.For(session, DemoData.Coordinator.ObjectId));
        Assert.Null(links.For(session, DemoData.KindergartenStaff.ObjectId)); // in the project, not invited
        Assert.Null(links.For(session with { State = SessionState.Cancelled }, DemoData.MotherAdele.ObjectId));
        time.Advance(session.End - now + TimeSpan.FromDays(14));
        Assert.Null(links.For(session, DemoData.MotherAdele.ObjectId)); // it would be born expired

        // A session a long way ahead: the link stops at 400 days, however late the session is.
        var later = session with { Start = now.AddDays(600), End = now.AddDays(600).AddHours(2) };
        var farUrl = new Uri(Links(new FakeTimeProvider(now)).For(later, DemoData.MotherAdele.ObjectId)!);
        var farExp = long.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(farUrl.Query)["exp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(now.AddDays(400).ToUnixTimeSeconds(), farExp);
    }

    [Fact]
    public void Without_a_public_base_url_the_cards_carry_no_link()
    {
        var links = new CalendarLinks(_signer, Options.Create(new GraphNotificationOptions()), new Environment(Environments.Production), TimeProvider.System);
        var session = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First(s => s.State == SessionState.Scheduled);

        Assert.Null(links.For(session, DemoData.MotherAdele.ObjectId));
    }

    [Fact]
    public void Outside_Development_a_missing_key_stops_the_host_and_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CalendarLinkKey.Resolve(Config(null), new Environment(Environments.Production)));
        Assert.Contains("Calendar__LinkSigningKey", error.Message, StringComparison.Ordinal);

        var generated = CalendarLinkKey.Resolve(Config(null), new Environment(Environments.Development));
        Assert.True(generated.Generated);
        Assert.Equal(32, generated.Key.Length);
        Assert.NotEqual(generated.Key, CalendarLinkKey.Resolve(Config(null), new Environment(Environments.Development)).Key);

        var configured = CalendarLinkKey.Resolve(Config(CalendarLinkTestKey.Base64), new Environment(Environments.Production));
        Assert.False(configured.Generated);
        Assert.Equal(CalendarLinkTestKey.Bytes, configured.Key);

        // Set but unusable: refused everywhere, Development included.
        Assert.Throws<InvalidOperationException>(() => CalendarLinkKey.Resolve(Config("not base64!"), new Environment(Environments.Development)));
        Assert.Throws<InvalidOperationException>(() => CalendarLinkKey.Resolve(Config(Convert.ToBase64String(new byte[31])), new Environment(Environments.Production)));
    }

    private static CalendarLinks Links(TimeProvider time) => new(
        new CalendarLinkSigner(CalendarLinkTestKey.Bytes),
        Options.Create(new GraphNotificationOptions { PublicBaseUrl = "https://partnerhub.example.dk/" }),
        new Environment(Environments.Production),
        time);

    private static IConfiguration Config(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CalendarLinkKey.SettingName] = key }).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "PartnerHub.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
