using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>GET /api/projects/{projectId}/sessions/{sessionId}.ics with real Entra tokens, the real host and Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class SessionIcsEndpointTests : IDisposable
{
    private readonly RestHost _host = new();

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

        var session = DemoData.DemoSessions(DateTimeOffset.UtcNow).First();
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
}
