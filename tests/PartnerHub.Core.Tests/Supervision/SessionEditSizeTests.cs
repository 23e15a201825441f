using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Core.Tests.Supervision;

public sealed class SessionEditSizeTests
{
    private static SupervisionSession With(params string[] invitees) => new()
    {
        Id = "s-1",
        ProjectId = "vollsmose",
        Kind = SessionKind.Supervision,
        Title = "Supervision",
        Start = new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero),
        OrganizerObjectId = "coordinator",
        Invitees = [.. invitees.Select(id => new Invitee(id, ProjectRole.NeighbourhoodMother, Rsvp.None, null, null))],
        State = SessionState.Scheduled,
        CreatedAt = DateTimeOffset.UnixEpoch,
        RsvpResetAt = DateTimeOffset.UnixEpoch,
    };

    private static IEnumerable<SessionInvitation> Invitations(params string[] ids) => ids.Select(id => new SessionInvitation(id, ProjectRole.NeighbourhoodMother));

    [Fact]
    public void Changes_count_everyone_added_and_everyone_removed_and_nobody_kept()
    {
        var before = With("a", "b", "c");

        Assert.Equal(0, SessionForm.InviteeChanges(before, Invitations("c", "b", "a")));
        Assert.Equal(1, SessionForm.InviteeChanges(before, Invitations("a", "b")));
        Assert.Equal(2, SessionForm.InviteeChanges(before, Invitations("a", "b", "d")));
        Assert.Equal(6, SessionForm.InviteeChanges(before, Invitations("x", "y", "z")));
    }

    [Fact]
    public void The_cap_fits_the_worst_case_into_one_100_operation_transaction()
    {
        // Session, idempotency row, time index moved (2), four outbox rows, the acting card and its property in the session's
        // holders row: ten fixed; each change one index row.
        Assert.True(10 + SessionForm.MaxInviteeChangesPerEdit <= 100);
        // Swapping every one of 60 invitees would not fit; 45 of them does.
        Assert.True(2 * SessionForm.MaxInvitees > SessionForm.MaxInviteeChangesPerEdit);
        Assert.Equal(45, SessionForm.MaxInviteeChangesPerEdit / 2);
    }
}
