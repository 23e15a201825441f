using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.MeetingAttendance;

/// <summary>
/// One look for an online session's Teams attendance report. A report found becomes the proposal on the session (the
/// coordinator's cards are updated through the system writer); none yet plans the next look, and after the last one the
/// card says there was none; a refusal (403) says attendance is entered by hand. A look for a session since moved,
/// cancelled or recorded stands down, and a proposal already kept is not read again.
/// </summary>
public sealed class AttendanceCheckHandler(
    SessionStore sessions,
    SessionSystemWriter writer,
    AttendanceChecks checks,
    MeetingAttendanceSetting setting,
    IServiceProvider services) : IOutboxHandler
{
    public string Kind => AttendanceChecks.Kind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = AttendanceChecks.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        if (!setting.Reads || stored is null || !AttendanceProposalPolicy.IsWanted(stored.Session, payload.ForEnd)
            || stored.Session.TeamsAttendance is { Status: not TeamsAttendanceStatus.NoReport } kept && kept.ForEnd == payload.ForEnd)
        {
            return;
        }

        var session = stored.Session;
        var result = session.OnlineJoinUrl is { } joinUrl
            ? await services.GetRequiredService<IMeetingAttendanceGateway>().ReadAsync(
                new MeetingAttendanceQuery(session.OrganizerObjectId, joinUrl, session.Start, session.End), cancellationToken)
            : MeetingAttendanceResult.NoReport.Instance;
        switch (result)
        {
            case MeetingAttendanceResult.Found found:
                await KeepAsync(delivery.ProjectId, payload, (current, now) => AttendanceProposalPolicy.Propose(current, found.Records, now), cancellationToken);
                break;
            case MeetingAttendanceResult.NotPermitted:
                await KeepAsync(delivery.ProjectId, payload, (current, now) => AttendanceProposalPolicy.Without(current, TeamsAttendanceStatus.NotPermitted, now), cancellationToken);
                break;
            default:
                if (!await checks.ScheduleNextAsync(delivery.ProjectId, session.Id, payload.ForEnd, payload.Attempt + 1, cancellationToken))
                {
                    await KeepAsync(delivery.ProjectId, payload, (current, now) => AttendanceProposalPolicy.Without(current, TeamsAttendanceStatus.NoReport, now), cancellationToken);
                }

                break;
        }
    }

    // The outcome belongs to the end the look was planned for: a session moved meanwhile does not take it.
    private Task<StoredSession?> KeepAsync(string projectId, CheckPayload payload, Func<SupervisionSession, DateTimeOffset, TeamsAttendance> outcome, CancellationToken cancellationToken) =>
        writer.ApplyAsync(projectId, payload.SessionId,
            (current, now) => AttendanceProposalPolicy.Keep(current, outcome(current, now) with { ForEnd = payload.ForEnd }), cancellationToken);
}
