using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

public sealed record SessionChange(ChangeOutcome Outcome, StoredSession? Current);

public sealed record SessionSubmit(StoredSession? Session, IReadOnlyDictionary<string, string> Errors, bool Duplicate, bool Forbidden);

/// <summary>
/// The session workflow's application layer: reads, runs Core's <see cref="SessionWorkflow"/>, and commits one transaction
/// (session, indexes, idempotency row, outbox rows), then nudges the dispatcher and audits. It never calls Graph or
/// Teams itself: every Outlook and SharePoint call, and every card, leaves through the outbox.
/// </summary>
public sealed class SessionService(
    SessionStore sessions,
    CardLocationStore cards,
    DirectoryStore directory,
    ProjectStore projects,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    AuditLog audit,
    StagedFileStore staging,
    TimeProvider time)
{
    public const string RecordType = "session";

    /// <summary>The audit's name for a correction of a cancelled session's comment (its access is cancelling's).</summary>
    [AuditAction]
    public const string CorrectCancellationAction = "CorrectCancellationComment";
    public const int MaxMinutesLength = 20_000;
    public const int MaxListed = 40;
    public static readonly TimeSpan ListedHistory = TimeSpan.FromDays(366);

    public async Task<SessionSubmit> CreateAsync(Actor actor, SessionFormInput input, string requestId, CardLocation? organiserCard, CancellationToken cancellationToken)
    {
        if (!SessionAccess.Allows(actor, SessionAction.Create, null))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(SessionAction.Create), RecordType, "-", allowed: false, cancellationToken);
            return new SessionSubmit(null, new Dictionary<string, string>(), Duplicate: false, Forbidden: true);
        }

        var idempotencyKey = "create|" + actor.ObjectId + "|" + requestId;
        if (await sessions.SessionIdForAsync(actor.ProjectId, idempotencyKey, cancellationToken) is { } existingId)
        {
            // Teams retries an invoke after 5 s: answer with the session the first one created.
            return new SessionSubmit(await sessions.FindAsync(actor.ProjectId, existingId, cancellationToken), new Dictionary<string, string>(), Duplicate: true, Forbidden: false);
        }

        var project = await projects.FindAsync(actor.ProjectId, cancellationToken) ?? throw new InvalidOperationException("The actor's project does not exist.");
        var members = await directory.MembersAsync(actor.ProjectId, null, cancellationToken);
        var now = time.GetUtcNow();
        var (form, errors) = SessionForm.Validate(input, project, members, now);
        if (form is null)
        {
            return new SessionSubmit(null, errors, Duplicate: false, Forbidden: false);
        }

        var session = SupervisionSession.Create(SessionIds.New(), actor, form, now);
        var messages = new List<OutboxEntry>
        {
            outbox.Create(actor.ProjectId, SessionNotifications.Of(SessionNotifications.GraphCreate, session.Id)),
            outbox.Create(actor.ProjectId, SessionNotifications.SendCards(session.Id, session.Invitees.Select(i => i.ObjectId))),
        };
        if (ReminderPolicy.ReminderDueAt(session, now) is { } remindAt)
        {
            // Due the evening before; a nudge before then changes nothing, the sweep sends it on time.
            messages.Add(outbox.Create(actor.ProjectId, SessionNotifications.Of(SessionNotifications.Reminder, session.Id), remindAt));
        }

        var extra = messages.Select(m => m.Action).ToList();
        if (organiserCard is not null)
        {
            extra.AddRange(cards.Upserts(actor.ProjectId, CardKind.Session, session.Id, organiserCard));
        }

        try
        {
            var stored = await sessions.CreateAsync(session, idempotencyKey, extra, cancellationToken);
            await nudge.NudgeAsync(messages, cancellationToken);
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(SessionAction.Create), RecordType, session.Id, allowed: true, cancellationToken);
            return new SessionSubmit(stored, errors, Duplicate: false, Forbidden: false);
        }
        catch (DuplicateSessionRequestException)
        {
            var id = await sessions.SessionIdForAsync(actor.ProjectId, idempotencyKey, cancellationToken);
            return new SessionSubmit(id is null ? null : await sessions.FindAsync(actor.ProjectId, id, cancellationToken), errors, Duplicate: true, Forbidden: false);
        }
    }

    /// <summary>Validates the edit form against the project and runs the reschedule; errors by field when invalid.</summary>
    public async Task<(SessionChange? Change, IReadOnlyDictionary<string, string> Errors)> EditAsync(Actor actor, string sessionId, int? expectedVersion, SessionFormInput input, CardLocation? actingCard, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(actor.ProjectId, cancellationToken) ?? throw new InvalidOperationException("The actor's project does not exist.");
        var members = await directory.MembersAsync(actor.ProjectId, null, cancellationToken);
        var (form, errors) = SessionForm.Validate(input, project, members, time.GetUtcNow());
        if (form is null)
        {
            return (null, errors);
        }

        // Too many people swapped to commit in one transaction: the form says so, nothing is written.
        if (await sessions.FindAsync(actor.ProjectId, sessionId, cancellationToken) is { } current
            && SessionAccess.Allows(actor, SessionAction.Edit, current.Session)
            && SessionForm.ValidateEdit(current.Session, form) is { Count: > 0 } editErrors)
        {
            return (null, editErrors);
        }

        return (await ChangeAsync(actor, sessionId, expectedVersion, RescheduleSession.From(form), null, actingCard, cancellationToken), errors);
    }

    /// <param name="minutesText">For <see cref="AddMinutes"/> requests from the card: the text to upload (the command is built by the outbox once the upload has a URL).</param>
    /// <param name="actingCard">The card she acted on, if any: it shows this session from now on, recorded in the change's transaction.</param>
    public async Task<SessionChange> ChangeAsync(Actor actor, string sessionId, int? expectedVersion, SessionCommand command, string? minutesText, CardLocation? actingCard, CancellationToken cancellationToken)
    {
        var action = command is CorrectCancellationComment ? CorrectCancellationAction : command.Action.ToString();
        var stored = await sessions.FindAsync(actor.ProjectId, sessionId, cancellationToken);
        if (stored is null || !SessionAccess.Allows(actor, command.Action, stored.Session))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, Safe(sessionId), allowed: false, cancellationToken);
            return new SessionChange(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        // Only the same person sending the same command (minutes text included) from the same version is a retry.
        var idempotencyKey = "change|" + ChangeFingerprint.Of(
            actor.ObjectId, sessionId, expectedVersion?.ToString(CultureInfo.InvariantCulture), action, minutesText is null ? command : new { MinutesText = minutesText });
        if (expectedVersion is { } version && !stored.Session.IsCurrentFor(version))
        {
            var outcome = await sessions.WasAppliedAsync(actor.ProjectId, idempotencyKey, cancellationToken) ? ChangeOutcome.Duplicate : ChangeOutcome.Stale;
            return new SessionChange(outcome, stored);
        }

        var now = time.GetUtcNow();
        if (minutesText is not null)
        {
            return await SaveMinutesAsync(actor, stored, minutesText, idempotencyKey, actingCard, now, cancellationToken);
        }

        var result = SessionWorkflow.Apply(stored.Session, command, actor, now);
        if (!result.Succeeded)
        {
            return new SessionChange(result.Error switch
            {
                SessionError.Forbidden => ChangeOutcome.Forbidden,
                SessionError.InvalidInput => ChangeOutcome.InvalidInput,
                _ => ChangeOutcome.InvalidTransition,
            }, stored);
        }

        if (!result.Changed)
        {
            // Nothing to write, nobody to tell.
            return new SessionChange(ChangeOutcome.Changed, stored);
        }

        var after = result.Session!;
        var messages = OutboxFor(stored.Session, after, command, actor, actingCard?.AsActing()).Select(m => outbox.Create(actor.ProjectId, m)).ToList();
        if (after.Start != stored.Session.Start && ReminderPolicy.ReminderDueAt(after, now) is { } remindAt)
        {
            // Moved: a reminder for the new start. The old one finds the start changed and stands down.
            messages.Add(outbox.Create(actor.ProjectId, SessionNotifications.Of(SessionNotifications.Reminder, after.Id), remindAt));
        }
        try
        {
            var updated = await sessions.UpdateAsync(stored, after, idempotencyKey, WithCard(messages.Select(m => m.Action), actor.ProjectId, sessionId, actingCard), cancellationToken);
            await nudge.NudgeAsync(messages, cancellationToken);
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, sessionId, allowed: true, cancellationToken);
            return new SessionChange(ChangeOutcome.Changed, updated);
        }
        catch (SessionConflictException)
        {
            return new SessionChange(ChangeOutcome.Conflict, await sessions.FindAsync(actor.ProjectId, sessionId, cancellationToken));
        }
        catch (DuplicateSessionRequestException)
        {
            return new SessionChange(ChangeOutcome.Duplicate, await sessions.FindAsync(actor.ProjectId, sessionId, cancellationToken));
        }
    }

    /// <summary>
    /// The coordinator attaches a minutes file (REST upload or a file sent to the bot). Checks access (audited), the
    /// file (<see cref="MinutesFile"/>: type by extension and magic bytes, size), and that the session takes minutes;
    /// then stages the bytes in blob storage and commits the outbox row that uploads them, conditional on the session's
    /// ETag. A lost race deletes the staged blob and answers with the refreshed session. The user's file name is used
    /// for its extension only (and, hashed, in the retry fingerprint).
    /// </summary>
    /// <remarks>
    /// Only the same person sending the same file (its SHA-256 and name) for the same session from the same version is a
    /// retry: applied once, answered <see cref="ChangeOutcome.Duplicate"/>. Anything else from an older version is
    /// <see cref="ChangeOutcome.Stale"/>. Without an expected version the version read is the one it is sent from.
    /// </remarks>
    /// <returns>Errors (keyed <see cref="MinutesFile.Field"/>) with a null change when the file is refused; otherwise the change.</returns>
    public async Task<(SessionChange? Change, IReadOnlyDictionary<string, string> Errors)> AttachMinutesFileAsync(Actor actor, string sessionId, int? expectedVersion, string originalFileName, string contentType, long length, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        // The declared type is the client's claim: the stored type follows from the checked extension instead.
        ArgumentNullException.ThrowIfNull(contentType);
        var noErrors = new Dictionary<string, string>();
        var stored = await sessions.FindAsync(actor.ProjectId, sessionId, cancellationToken);
        if (stored is null || !SessionAccess.Allows(actor, SessionAction.AddMinutes, stored.Session))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(SessionAction.AddMinutes), RecordType, Safe(sessionId), allowed: false, cancellationToken);
            return (new SessionChange(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null), noErrors);
        }

        // The first bytes decide whether the file is what its name says; they are put back in front of the rest.
        var head = new byte[(int)Math.Min(MinutesFile.SniffBytes, Math.Max(length, 0))];
        var headLength = head.Length == 0 ? 0 : await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var (file, errors) = MinutesFile.Validate(originalFileName, length, head.AsSpan(0, headLength));
        if (file is null)
        {
            return (null, errors);
        }

        using var whole = new ConcatenatedStream(head.AsMemory(0, headLength), content);
        var fromVersion = expectedVersion ?? stored.Session.Version;
        if (!stored.Session.IsCurrentFor(fromVersion))
        {
            // Her own retry or a lost race: only the whole file tells which, and nothing is staged either way.
            await whole.CopyToAsync(Stream.Null, cancellationToken);
            var key = MinutesFileKey(actor, sessionId, fromVersion, whole.Sha256(), originalFileName);
            var outcome = await sessions.WasAppliedAsync(actor.ProjectId, key, cancellationToken) ? ChangeOutcome.Duplicate : ChangeOutcome.Stale;
            return (new SessionChange(outcome, stored), noErrors);
        }

        if (!SessionMinutes.CanAddMinutes(stored.Session, time.GetUtcNow()))
        {
            return (new SessionChange(ChangeOutcome.InvalidTransition, stored), noErrors);
        }

        string blobName;
        try
        {
            blobName = await staging.StageAsync(actor.ProjectId, sessionId, whole, file.Length, file.ContentType, cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The stream did not hold the length it was announced with: a broken upload, not a file to keep.
            return (null, new Dictionary<string, string> { [MinutesFile.Field] = MinutesFile.Errors.Required });
        }

        var idempotencyKey = MinutesFileKey(actor, sessionId, fromVersion, whole.Sha256(), originalFileName);
        return (await CommitMinutesFileAsync(actor, stored, file, blobName, idempotencyKey, cancellationToken), noErrors);
    }

    /// <summary>Commits the staged file's upload row with the retry fingerprint; the staged blob is deleted unless it commits.</summary>
    private async Task<SessionChange> CommitMinutesFileAsync(Actor actor, StoredSession stored, ValidMinutesFile file, string blobName, string idempotencyKey, CancellationToken cancellationToken)
    {
        var upload = outbox.Create(actor.ProjectId, SessionNotifications.UploadMinutesFile(stored.Session.Id, actor.ObjectId, blobName, file.Extension));
        try
        {
            // The session row is rewritten unchanged: the commit is conditional on the version read above.
            var updated = await sessions.UpdateAsync(stored, stored.Session, idempotencyKey, [upload.Action], cancellationToken);
            await nudge.NudgeAsync([upload], cancellationToken);
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(SessionAction.AddMinutes), RecordType, stored.Session.Id, allowed: true, cancellationToken);
            return new SessionChange(ChangeOutcome.Changed, updated);
        }
        catch (SessionConflictException)
        {
            await staging.DeleteAsync(blobName, CancellationToken.None);
            return new SessionChange(ChangeOutcome.Conflict, await sessions.FindAsync(actor.ProjectId, stored.Session.Id, cancellationToken));
        }
        catch (DuplicateSessionRequestException)
        {
            // Her retry of a file already on its way: the first one's row uploads it.
            await staging.DeleteAsync(blobName, CancellationToken.None);
            return new SessionChange(ChangeOutcome.Duplicate, await sessions.FindAsync(actor.ProjectId, stored.Session.Id, cancellationToken));
        }
        catch
        {
            // Nothing half-written: without the outbox row nobody would ever upload or delete the staged file.
            await staging.DeleteAsync(blobName, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The retry fingerprint of a minutes file: who, which session, from which version, which bytes under which name.</summary>
    private static string MinutesFileKey(Actor actor, string sessionId, int fromVersion, string sha256, string fileName) =>
        "change|" + ChangeFingerprint.Of(
            actor.ObjectId, sessionId, fromVersion.ToString(CultureInfo.InvariantCulture), "AddMinutesFile", new { Sha256 = sha256, FileName = fileName });

    public async Task<StoredSession?> ReadAsync(Actor actor, string sessionId, CancellationToken cancellationToken)
    {
        var stored = await sessions.FindAsync(actor.ProjectId, sessionId, cancellationToken);
        var allowed = stored is not null && SessionAccess.Allows(actor, SessionAction.View, stored.Session);
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(SessionAction.View), RecordType, Safe(sessionId), allowed, cancellationToken);
        return allowed ? stored : null;
    }

    /// <summary>The coordinator sees her project's sessions; a mother or partner the ones she is invited to.</summary>
    public async Task<IReadOnlyList<StoredSession>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        var index = actor.Role switch
        {
            ProjectRole.Coordinator => SessionStore.ByTime,
            ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff => SessionStore.InviteeIndex(actor.ObjectId),
            _ => null,
        };
        if (index is null)
        {
            return [];
        }

        // The coordinator's list: what is coming and the last year's sessions (minutes and attendance are looked up there).
        var list = await sessions.ListAsync(actor.ProjectId, index, MaxListed, cancellationToken, time.GetUtcNow() - ListedHistory);
        return [.. list.Where(s => SessionAccess.Allows(actor, SessionAction.View, s.Session))];
    }

    private async Task<SessionChange> SaveMinutesAsync(Actor actor, StoredSession stored, string text, string idempotencyKey, CardLocation? actingCard, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = stored.Session;
        // The same checks AddMinutes will make once the document has a URL, so the upload is not wasted.
        if (!SessionMinutes.CanAddMinutes(session, now))
        {
            return new SessionChange(ChangeOutcome.InvalidTransition, stored);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMinutesLength || SessionForm.LooksLikeCpr(text))
        {
            return new SessionChange(ChangeOutcome.InvalidInput, stored);
        }

        var upload = outbox.Create(actor.ProjectId, SessionNotifications.UploadMinutes(session.Id, actor.ObjectId));
        try
        {
            // The session row is rewritten unchanged: the write is conditional on the version she saw.
            var updated = await sessions.UpdateAsync(
                stored, session, idempotencyKey, WithCard([sessions.SaveMinutesText(actor.ProjectId, session.Id, text.Trim()), upload.Action], actor.ProjectId, session.Id, actingCard), cancellationToken);
            await nudge.NudgeAsync([upload], cancellationToken);
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(SessionAction.AddMinutes), RecordType, session.Id, allowed: true, cancellationToken);
            return new SessionChange(ChangeOutcome.Changed, updated);
        }
        catch (SessionConflictException)
        {
            return new SessionChange(ChangeOutcome.Conflict, await sessions.FindAsync(actor.ProjectId, session.Id, cancellationToken));
        }
        catch (DuplicateSessionRequestException)
        {
            return new SessionChange(ChangeOutcome.Duplicate, await sessions.FindAsync(actor.ProjectId, session.Id, cancellationToken));
        }
    }

    /// <summary>What a change on a card must tell Outlook and the other cards (all but the one acted on, which already shows it).</summary>
    private static IEnumerable<OutboxMessage> OutboxFor(SupervisionSession before, SupervisionSession after, SessionCommand command, Actor actor, ActingCard? acting)
    {
        switch (command)
        {
            case RescheduleSession:
                yield return SessionNotifications.Of(SessionNotifications.GraphUpdate, after.Id);
                var added = after.Invitees.Select(i => i.ObjectId).Where(id => !before.IsInvited(id)).ToList();
                if (added.Count > 0)
                {
                    yield return SessionNotifications.SendCards(after.Id, added);
                }

                break;
            case CancelSession:
                yield return SessionNotifications.Of(SessionNotifications.GraphCancel, after.Id);
                break;
            case RespondToSession:
                yield return SessionNotifications.Respond(after.Id, actor.ObjectId);
                break;
        }

        yield return SessionNotifications.UpdateCardsOf(after.Id, acting);
    }

    /// <summary>
    /// The change's rows, plus the acting card's location (and its property in the session's holders row): the card shows
    /// the session from the same commit on.
    /// </summary>
    private List<Azure.Data.Tables.TableTransactionAction> WithCard(IEnumerable<Azure.Data.Tables.TableTransactionAction> actions, string projectId, string sessionId, CardLocation? actingCard) =>
        actingCard is null ? [.. actions] : [.. actions, .. cards.Upserts(projectId, CardKind.Session, sessionId, actingCard)];

    private static string Safe(string sessionId) => SupervisionSession.IsValidId(sessionId) ? sessionId : "invalid";
}

/// <summary>The outbox messages of the session workflow. Payloads carry ids only.</summary>
public static class SessionNotifications
{
    public const string GraphCreate = "session.graph-create";
    public const string GraphUpdate = "session.graph-update";
    public const string GraphCancel = "session.graph-cancel";
    public const string GraphRespond = "session.graph-respond";
    public const string SendCard = "session.send-card";
    public const string UpdateCards = "session.update-cards";
    public const string UploadMinutesKind = "session.upload-minutes";
    public const string UploadMinutesFileKind = "session.upload-minutes-file";
    public const string Reminder = "session.reminder";

    /// <summary>The kinds whose final failure the coordinator is told about (they reach Outlook or SharePoint).</summary>
    public static readonly IReadOnlySet<string> GraphKinds = new HashSet<string>(StringComparer.Ordinal) { GraphCreate, GraphUpdate, GraphCancel, GraphRespond, UploadMinutesKind, UploadMinutesFileKind };

    public static OutboxMessage Of(string kind, string sessionId) => new(kind, Write(new Payload(sessionId)));

    /// <param name="acting">The card the change was made on, which the update skips (its invoke response already shows it).</param>
    public static OutboxMessage UpdateCardsOf(string sessionId, ActingCard? acting = null) =>
        new(UpdateCards, Write(new Payload(sessionId) { Acting = acting }));

    public static OutboxMessage SendCards(string sessionId, IEnumerable<string> recipients) =>
        new(SendCard, Write(new Payload(sessionId) { Recipients = [.. recipients] }));

    public static OutboxMessage Respond(string sessionId, string objectId) =>
        new(GraphRespond, Write(new Payload(sessionId) { ObjectId = objectId }));

    public static OutboxMessage UploadMinutes(string sessionId, string actorObjectId) =>
        new(UploadMinutesKind, Write(new Payload(sessionId) { ObjectId = actorObjectId }));

    /// <param name="blobName">The staged file (ids only, see <see cref="StagedFileStore"/>).</param>
    /// <param name="extension">The checked extension, which decides the document's name.</param>
    public static OutboxMessage UploadMinutesFile(string sessionId, string actorObjectId, string blobName, string extension) =>
        new(UploadMinutesFileKind, Write(new Payload(sessionId) { ObjectId = actorObjectId, BlobName = blobName, Extension = extension }));

    public static Payload Read(string json) => JsonSerializer.Deserialize<Payload>(json) ?? throw new InvalidDataException("Empty session notification payload.");

    private static string Write(Payload payload) => JsonSerializer.Serialize(payload);

    public sealed record Payload(string SessionId)
    {
        public IReadOnlyList<string>? Recipients { get; init; }

        /// <summary>The invitee who answered (respond) or the coordinator who wrote the minutes (upload).</summary>
        public string? ObjectId { get; init; }

        /// <summary>The staged file to upload (upload-minutes-file).</summary>
        public string? BlobName { get; init; }

        /// <summary>The attached file's extension, e.g. ".pdf" (upload-minutes-file).</summary>
        public string? Extension { get; init; }

        /// <summary>The card acted on, skipped by the update (update-cards).</summary>
        public ActingCard? Acting { get; init; }
    }
}

/// <summary>
/// The sniffed head of a file followed by the rest of its stream, read once, forward only, with the SHA-256 of every
/// byte it passed on (the file's fingerprint once it has been read to the end).
/// </summary>
internal sealed class ConcatenatedStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ReadOnlyMemory<byte> _head = head;

    /// <summary>Lowercase hex SHA-256 of what was read so far.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        if (_head.IsEmpty)
        {
            n = rest.Read(buffer);
        }
        else
        {
            n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
        }

        _hash.AppendData(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        if (_head.IsEmpty)
        {
            n = await rest.ReadAsync(buffer, cancellationToken);
        }
        else
        {
            n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer.Span);
            _head = _head[n..];
        }

        _hash.AppendData(buffer.Span[..n]);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
