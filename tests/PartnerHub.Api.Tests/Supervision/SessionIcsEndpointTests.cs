using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>GET /api/projects/{projectId}/sessions/{sessionId}.ics with real Entra tokens, the real host and Azurite.</summary>
public sealed class SessionIcsEndpointTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly RestHost _host = new(services: services =>
        services.Configure<GraphNotificationOptions>(options => options.PublicBaseUrl = "https://partnerhub.example"));

    private readonly CalendarLinkSigner _signer = new(CalendarLinkTestKey.Bytes);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_invitee_gets_the_session_as_ics_and_anyone_not_invited_gets_404()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in DemoData.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        var session = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First();
        await _host.Services.GetRequiredService<SessionStore>().CreateAsync(session, "test|" + session.Id, [], CancellationToken.None);

        using var ok = await _host.GetAsync($"/api/projects/vollsmose/sessions/{session.Id}.ics", _host.TokenFor(DemoData.MotherAdele.ObjectId));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/calendar", ok.Content.Headers.ContentType?.MediaType);
        var ics = await ok.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Supervision: hjemmebesøg i vinterferien", ics, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{session.Start.UtcDateTime:yyyyMMdd'T'HHmmss}Z", ics, StringComparison.Ordinal);

        // The kindergarten is in the project but not invited: it learns nothing, not even that the session exists.
        using var stranger = await _host.GetAsync($"/api/projects/vollsmose/sessions/{session.Id}.ics", _host.TokenFor(DemoData.KindergartenStaff.ObjectId));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task The_signed_link_downloads_the_ics_without_a_token_with_safe_headers_and_an_audit_row()
    {
        var session = await SeedAsync();
        var url = _host.Services.GetRequiredService<CalendarLinks>().For(session, DemoData.MotherAdele.ObjectId)!;

        using var client = _host.CreateClient();
        using var response = await client.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"session-{session.LocalDate:yyyy-MM-dd}-{session.Id}.ics", response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true });
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("STATUS:CONFIRMED", ics, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{session.Start.UtcDateTime:yyyyMMdd'T'HHmmss}Z", ics, StringComparison.Ordinal);

        var audit = _host.Tables.Table(TableNames.Audit);
        var partition = $"vollsmose|{DateTimeOffset.UtcNow:yyyyMM}";
        var rows = await audit.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
        var row = Assert.Single(rows, r => r.GetString("Action") == "session.ics-link");
        Assert.Equal(DemoData.MotherAdele.ObjectId, row.GetString("Actor"));
        Assert.Equal(session.Id, row.GetString("RecordId"));
        Assert.True(row.GetBoolean("Allowed"));
    }

    [Fact]
    public async Task Every_failure_is_the_same_404_whichever_part_is_wrong()
    {
        var session = await SeedAsync();
        var adele = DemoData.MotherAdele.ObjectId;
        var exp = (session.End + TimeSpan.FromDays(14)).ToUnixTimeSeconds();
        var signature = _signer.Sign(session.ProjectId, session.Id, adele, exp);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var removed = session with { Id = "s-removedadele", Invitees = [.. session.Invitees.Where(i => i.ObjectId != adele)] };
        await _host.Services.GetRequiredService<SessionStore>().CreateAsync(removed, "test|" + removed.Id, [], CancellationToken.None);
        var otherKey = new CalendarLinkSigner(Enumerable.Repeat((byte)9, 32).ToArray());

        using var client = _host.CreateClient();
        var valid = Link(session.ProjectId, session.Id, adele, exp, signature);
        using (var ok = await client.GetAsync(valid))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        string[] failures =
        [
            Link(session.ProjectId, session.Id, adele, exp, signature[..^1] + (signature[^1] == 'A' ? 'B' : 'A')), // tampered signature
            Link(session.ProjectId, session.Id, DemoData.MotherIsaiah.ObjectId, exp, signature), // someone else's link
            Link(session.ProjectId, session.Id, adele, exp + 1, signature), // a later expiry
            Link(session.ProjectId, "s-othersession", adele, exp, signature), // another session
            Link(session.ProjectId, session.Id, adele, past, _signer.Sign(session.ProjectId, session.Id, adele, past)), // expired
            Link(session.ProjectId, session.Id, adele, exp, otherKey.Sign(session.ProjectId, session.Id, adele, exp)), // wrong key
            Link(session.ProjectId, "s-unknown00000", adele, exp, _signer.Sign(session.ProjectId, "s-unknown00000", adele, exp)), // no such session
            Link(removed.ProjectId, removed.Id, adele, exp, _signer.Sign(removed.ProjectId, removed.Id, adele, exp)), // no longer invited
            $"/calendar/{session.ProjectId}/{session.Id}.ics", // nothing at all
            $"/calendar/{session.ProjectId}/{session.Id}.ics?for={adele}&exp={exp}", // no signature
            valid + "&sig=" + signature, // two signatures
            $"/calendar/not%20a%20project/{session.Id}.ics?for={adele}&exp={exp}&sig={signature}",
        ];

        var bodies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in failures)
        {
            using var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            bodies.Add(problem.ToJsonString());
        }

        Assert.Single(bodies);
    }

    [Fact]
    public async Task A_cancelled_session_still_downloads_marked_cancelled_so_calendars_drop_it()
    {
        var session = await SeedAsync();
        var cancelled = session with { Id = "s-cancelled000", State = SessionState.Cancelled, Version = session.Version + 1 };
        await _host.Services.GetRequiredService<SessionStore>().CreateAsync(cancelled, "test|" + cancelled.Id, [], CancellationToken.None);
        var exp = DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeSeconds();

        using var client = _host.CreateClient();
        using var response = await client.GetAsync(Link(cancelled.ProjectId, cancelled.Id, DemoData.MotherAdele.ObjectId, exp,
            _signer.Sign(cancelled.ProjectId, cancelled.Id, DemoData.MotherAdele.ObjectId, exp)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("STATUS:CANCELLED", ics, StringComparison.Ordinal);
        Assert.Contains("METHOD:CANCEL", ics, StringComparison.Ordinal);
        // No new links are handed out for it, though.
        Assert.Null(_host.Services.GetRequiredService<CalendarLinks>().For(cancelled, DemoData.MotherAdele.ObjectId));
    }

    private async Task<SupervisionSession> SeedAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        var session = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First(s => s.State == SessionState.Scheduled);
        await _host.Services.GetRequiredService<SessionStore>().CreateAsync(session, "test|" + session.Id, [], CancellationToken.None);
        return session;
    }

    private static string Link(string projectId, string sessionId, string recipient, long exp, string signature) =>
        string.Create(CultureInfo.InvariantCulture, $"/calendar/{projectId}/{sessionId}.ics?for={Uri.EscapeDataString(recipient)}&exp={exp}&sig={signature}");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
