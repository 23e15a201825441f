using System.Text.Json;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>What happened to a meeting PartnerHub saw or was asked to adopt.</summary>
public enum AdoptionOutcome
{
    /// <summary>Not (yet) a session: no category, nobody from the project invited, a past or recurring meeting.</summary>
    Ignored,
    Adopted,
    Updated,
    Ended,

    /// <summary>She coordinates several projects and has not chosen one.</summary>
    Asked,
}

/// <summary>
/// Makes a meeting the coordinator made in Outlook with <see cref="OutlookCategory"/> a session and keeps it in step
/// (Core's <see cref="OutlookAdoption"/> decides). Applied at least once per change: the <c>adopt|{eventId}</c>
/// idempotency row and the event index make a second sighting change nothing; updates are ETag-conditional and
/// re-read on a lost race. Cards leave through the outbox: the new session's to the invitees and the organiser, an
/// update to every card, and a card each for invitees she added in Outlook.
/// </summary>
public sealed class OutlookAdoptionService(
    SessionStore sessions,
    DirectoryStore directory,
    OrganizerProjects organizerProjects,
    OutlookAdoptionStore marks,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    AuditLog audit,
    TimeProvider time)
{
    [AuditAction]
    public const string MarkAction = "session.outlook-mark";
    [AuditAction]
    public const string AdoptAction = "session.outlook-adopt";

    public const string AdoptKind = "session.outlook-adopt";

    /// <summary>The card asking a coordinator of several projects which project a meeting is for.</summary>
    public const string AskKind = "session.outlook-ask";

    /// <summary>A meeting that is not (yet) a session. <paramref name="existing"/> is a session adopted from it before.</summary>
    public async Task<AdoptionOutcome> ApplyAsync(string hintProjectId, string organizerObjectId, CalendarEventSnapshot snapshot, StoredSession? existing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var meeting = OutlookMeetings.From(snapshot);
        if (existing is not null)
        {
            return await FollowAsync(existing, meeting, cancellationToken);
        }

        // Her other appointments cost nothing: no read until the category (set by her or by the pane) is on.
        if (!meeting.HasCategory || meeting.IsDeleted)
        {
            return AdoptionOutcome.Ignored;
        }

        var coordinated = await organizerProjects.CoordinatedByAsync(hintProjectId, organizerObjectId, cancellationToken);
        // She may have chosen twice (the card, then the pane): her latest choice decides.
        string? markedFor = null;
        var latest = DateTimeOffset.MinValue;
        foreach (var projectId in coordinated)
        {
            if (await marks.MarkedAtAsync(projectId, organizerObjectId, meeting.EventId, cancellationToken) is { } at && (markedFor is null || at > latest))
            {
                (markedFor, latest) = (projectId, at);
            }
        }

        var decision = OutlookAdoption.Decide(meeting, null, coordinated, markedFor, time.GetUtcNow());
        switch (decision.Step)
        {
            case AdoptionStep.Adopt:
                return await AdoptAsync(decision.ProjectId!, organizerObjectId, meeting, cancellationToken);
            case AdoptionStep.AskProject:
                await AskAsync(hintProjectId, organizerObjectId, meeting.EventId, cancellationToken);
                return AdoptionOutcome.Asked;
            default:
                return AdoptionOutcome.Ignored;
        }
    }

    /// <summary>
    /// The coordinator chose this project for the event (Outlook pane, REST): remembered, and an outbox row reads the
    /// event from Graph and adopts it. Both in one transaction in the project's partition.
    /// </summary>
    public async Task MarkAsync(string projectId, string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = outbox.Create(projectId, new OutboxMessage(AdoptKind, JsonSerializer.Serialize(new AdoptPayload(eventId, organizerObjectId))));
        await marks.MarkAsync(projectId, organizerObjectId, eventId, now, [entry.Action], cancellationToken);
        await nudge.NudgeAsync([entry], cancellationToken);
        await audit.RecordAsync(projectId, organizerObjectId, MarkAction, SessionService.RecordType, "-", allowed: true, cancellationToken);
    }

    /// <summary>
    /// Asked once, in the subscription's project: the asked row and the ask card's outbox row in one transaction (the
    /// card never leaves from inside the sink). She answers on the card, in the Outlook pane or through REST.
    /// </summary>
    private async Task AskAsync(string hintProjectId, string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        var entry = outbox.Create(hintProjectId, new OutboxMessage(AskKind, JsonSerializer.Serialize(new AdoptPayload(eventId, organizerObjectId))));
        if (await marks.TryRecordAskedAsync(hintProjectId, eventId, time.GetUtcNow(), [entry.Action], cancellationToken))
        {
            await nudge.NudgeAsync([entry], cancellationToken);
        }
    }

    private async Task<AdoptionOutcome> AdoptAsync(string projectId, string organizerObjectId, OutlookMeeting meeting, CancellationToken cancellationToken)
    {
        var idempotencyKey = "adopt|" + meeting.EventId;
        if (await sessions.SessionIdForAsync(projectId, idempotencyKey, cancellationToken) is not null)
        {
            return AdoptionOutcome.Ignored; // Seen before (and since ended): a sighting of the same event adopts once.
        }

        var now = time.GetUtcNow();
        var members = await directory.MembersAsync(projectId, null, cancellationToken);
        var attendees = OutlookAdoption.Sort(meeting, organizerObjectId, members);
        if (OutlookAdoption.Adopt(SessionIds.New(), projectId, organizerObjectId, meeting, attendees, now) is not { } session)
        {
            return AdoptionOutcome.Ignored;
        }

        var messages = new List<OutboxEntry>
        {
            // Her own card too: it is where she records attendance and writes minutes, and sees who is outside.
            outbox.Create(projectId, SessionNotifications.SendCards(session.Id, [organizerObjectId, .. session.Invitees.Select(i => i.ObjectId)])),
        };
        if (ReminderPolicy.ReminderDueAt(session, now) is { } remindAt)
        {
            messages.Add(outbox.Create(projectId, SessionNotifications.Of(SessionNotifications.Reminder, session.Id), remindAt));
        }

        try
        {
            await sessions.CreateAsync(session, idempotencyKey, messages.Select(m => m.Action), cancellationToken);
        }
        catch (DuplicateSessionRequestException)
        {
            return AdoptionOutcome.Ignored; // A notification and the sweep raced; the first one adopted it.
        }

        await nudge.NudgeAsync(messages, cancellationToken);
        await audit.RecordAsync(projectId, organizerObjectId, AdoptAction, SessionService.RecordType, session.Id, allowed: true, cancellationToken);
        return AdoptionOutcome.Adopted;
    }

    private async Task<AdoptionOutcome> FollowAsync(StoredSession existing, OutlookMeeting meeting, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = attempt == 0 ? existing : await sessions.FindAsync(existing.Session.ProjectId, existing.Session.Id, cancellationToken);
            if (stored is null)
            {
                return AdoptionOutcome.Ignored;
            }

            var now = time.GetUtcNow();
            var session = stored.Session;
            var decision = OutlookAdoption.Decide(meeting, session, [session.ProjectId], null, now);
            SessionResult result;
            if (decision.Step == AdoptionStep.End)
            {
                result = OutlookAdoption.End(session, meeting, now);
            }
            else if (decision.Step == AdoptionStep.Update)
            {
                var members = await directory.MembersAsync(session.ProjectId, null, cancellationToken);
                result = OutlookAdoption.Update(session, meeting, OutlookAdoption.Sort(meeting, session.OrganizerObjectId, members), now);
            }
            else
            {
                return AdoptionOutcome.Ignored;
            }

            if (!result.Changed)
            {
                return AdoptionOutcome.Ignored;
            }

            var after = result.Session!;
            var messages = new List<OutboxEntry> { outbox.Create(session.ProjectId, SessionNotifications.UpdateCardsOf(session.Id)) };
            var added = after.Invitees.Select(i => i.ObjectId).Where(id => !session.IsInvited(id)).ToList();
            if (added.Count > 0)
            {
                messages.Add(outbox.Create(session.ProjectId, SessionNotifications.SendCards(session.Id, added)));
            }

            if (after.Start != session.Start && ReminderPolicy.ReminderDueAt(after, now) is { } remindAt)
            {
                messages.Add(outbox.Create(session.ProjectId, SessionNotifications.Of(SessionNotifications.Reminder, session.Id), remindAt));
            }

            try
            {
                await sessions.UpdateAsync(stored, after, null, messages.Select(m => m.Action), cancellationToken);
                await nudge.NudgeAsync(messages, cancellationToken);
                return decision.Step == AdoptionStep.End ? AdoptionOutcome.Ended : AdoptionOutcome.Updated;
            }
            catch (SessionConflictException)
            {
                // Changed meanwhile (a card answer): apply what Outlook shows to the new version.
            }
        }

        throw new OutboxDeliveryException("sessionConflict");
    }

    public sealed record AdoptPayload(string EventId, string OrganizerObjectId);
}
