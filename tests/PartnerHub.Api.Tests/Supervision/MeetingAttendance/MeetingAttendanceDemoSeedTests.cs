using PartnerHub.Api.Demo;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Supervision.MeetingAttendance;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision.MeetingAttendance;

public sealed class MeetingAttendanceDemoSeedTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void The_demo_has_yesterdays_online_session_with_a_proposal_from_its_Teams_meeting()
    {
        var now = DateTimeOffset.UtcNow;

        var session = MeetingAttendanceDemoSeed.Session(now);

        Assert.True(session.IsOnline);
        Assert.True(session.End < now);
        Assert.Equal(SessionState.Scheduled, session.State);
        Assert.All(session.Invitees, i => Assert.Null(i.Attended));
        var proposal = session.TeamsAttendance!;
        Assert.Equal(TeamsAttendanceStatus.Proposed, proposal.Status);
        Assert.Equal([DemoData.MotherAdele.ObjectId, DemoData.SocialServicesStaff.ObjectId], proposal.Present);
        Assert.Equal(1, proposal.OthersJoined);
        Assert.Equal(session.End, proposal.ForEnd);
    }

    [Fact]
    public async Task It_is_seeded_once_and_reads_back_equal()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var store = new SessionStore(tables);
        var seed = new MeetingAttendanceDemoSeed(store);
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(1, await seed.SeedAsync(now, CancellationToken.None));
        Assert.Equal(0, await seed.SeedAsync(now, CancellationToken.None));

        var stored = await store.FindAsync("vollsmose", MeetingAttendanceDemoSeed.SessionId, CancellationToken.None);
        Assert.Equal(MeetingAttendanceDemoSeed.Session(now), stored!.Session);
    }
}
