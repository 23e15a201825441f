using PartnerHub.Api.Demo;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision;

public sealed class SessionDemoDataTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Demo_has_one_upcoming_and_one_held_session_in_Vollsmose()
    {
        var now = DateTimeOffset.UtcNow;
        var sessions = SessionDemoSeed.Sessions(now).ToList();

        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("vollsmose", s.ProjectId));
        var upcoming = Assert.Single(sessions, s => s.State == SessionState.Scheduled);
        Assert.True(upcoming.Start > now);
        Assert.Equal(Rsvp.Accepted, upcoming.InviteeOf(DemoData.MotherAdele.ObjectId)!.Rsvp);
        var held = Assert.Single(sessions, s => s.State == SessionState.Held);
        Assert.True(held.End < now);
        Assert.True(held.InviteeOf(DemoData.MotherAdele.ObjectId)!.Attended);
        Assert.False(held.InviteeOf(DemoData.MotherIsaiah.ObjectId)!.Attended);
    }

    [Fact]
    public async Task Stored_sessions_read_back_equal_and_are_listed_per_invitee()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var store = new SessionStore(tables);
        foreach (var session in SessionDemoSeed.Sessions(DateTimeOffset.UtcNow))
        {
            await store.CreateAsync(session, "demo|" + session.Id, [], CancellationToken.None);
            Assert.Equal(session, (await store.FindAsync("vollsmose", session.Id, CancellationToken.None))!.Session);
        }

        Assert.Equal(2, (await store.ListAsync("vollsmose", SessionStore.InviteeIndex(DemoData.MotherAdele.ObjectId), 10, CancellationToken.None)).Count);
        Assert.Empty(await store.ListAsync("vollsmose", SessionStore.InviteeIndex(DemoData.KindergartenStaff.ObjectId), 10, CancellationToken.None));
        await Assert.ThrowsAsync<DuplicateSessionRequestException>(async () =>
        {
            var again = SessionDemoSeed.Sessions(DateTimeOffset.UtcNow).First() with { Id = "demo-other" };
            await store.CreateAsync(again, "demo|demo-upcoming", [], CancellationToken.None);
        });
    }
}
