using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Supervision;

/// <summary>Settings of the "send the minutes file to the bot" flow (section <c>MinutesFiles</c>).</summary>
public sealed class MinutesFileOptions
{
    public const string SectionName = "MinutesFiles";

    /// <summary>
    /// Hosts a Teams file's downloadUrl may point to: an exact host ("contoso-my.sharepoint.com") or a wildcard for its
    /// subdomains ("*.sharepoint.com"). Anything else is refused without a request. Default: SharePoint Online.
    /// </summary>
    public IList<string> AllowedDownloadHosts { get; } = [];

    /// <summary>The whole download, headers to last byte.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long PartnerHub waits for the file after "Attach minutes file".</summary>
    public TimeSpan PendingFor { get; set; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<string> EffectiveHosts => AllowedDownloadHosts.Count > 0 ? [.. AllowedDownloadHosts] : ["*.sharepoint.com"];
}

/// <summary>A coordinator's "I will send the file now", waiting for her next message with a file.</summary>
/// <param name="Version">The session's version when she asked: the file is attached from it (null on rows written before versions were kept).</param>
public sealed record PendingAttachment(string ProjectId, string SessionId, DateTimeOffset ExpiresAt, int? Version = null);

/// <summary>
/// Table <c>pendingattachments</c>: PartitionKey = tenant id, RowKey = the coordinator's object id (both escaped), one
/// row per person (a new request replaces the old one). Ids, the session's version and a time only. Point reads; expired rows read as absent
/// and are replaced or deleted on her next attempt.
/// </summary>
public sealed class PendingAttachmentStore(TableStore store, TimeProvider time)
{
    private TableClient Table => store.Table(TableNames.PendingAttachments);

    public async Task SaveAsync(string tenantId, string objectId, string projectId, string sessionId, int version, TimeSpan lifetime, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(tenantId), TableKeys.Escape(objectId))
        {
            ["ProjectId"] = projectId,
            ["SessionId"] = sessionId,
            ["Version"] = version,
            ["ExpiresAt"] = time.GetUtcNow() + lifetime,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<PendingAttachment?> FindAsync(string tenantId, string objectId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(tenantId), TableKeys.Escape(objectId), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity || entity.GetDateTimeOffset("ExpiresAt") is not { } expires || expires < time.GetUtcNow())
        {
            return null;
        }

        return entity.GetString("ProjectId") is { } projectId && entity.GetString("SessionId") is { } sessionId
            ? new PendingAttachment(projectId, sessionId, expires, entity.GetInt32("Version"))
            : null;
    }

    public async Task DeleteAsync(string tenantId, string objectId, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(TableKeys.Escape(tenantId), TableKeys.Escape(objectId), ETag.All, cancellationToken);
}

/// <summary>What a download gave: a temporary file with the bytes, or an error code (sessions.minutesFile.errors.*).</summary>
public sealed record DownloadedFile(Stream? Content, long Length, string? Error) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Fetches a file a user sent to the bot from its pre-authorised Teams downloadUrl, as an SSRF-guarded plain GET:
/// https only, no user info, host on <see cref="MinutesFileOptions.AllowedDownloadHosts"/>, redirects not followed, no
/// bot or Graph token (the client has no auth handler), no cookies, no logging of the URL (the client's loggers are
/// removed: the URL is a capability), a size cap counted while streaming, and a timeout for the whole download.
/// </summary>
public sealed class MinutesFileDownloader(IHttpClientFactory clients, IOptions<MinutesFileOptions> options)
{
    public const string HttpClientName = "minutes-download";
    public const string NotAllowedSource = "notAllowedSource";
    public const string DownloadFailed = "downloadFailed";

    /// <summary>True when the URL may be fetched: absolute https, no user info, host on the allow-list.</summary>
    public bool IsAllowed(string? url)
    {
        if (url is not { Length: > 0 and <= 4096 } || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo) || uri.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var host = uri.IdnHost.TrimEnd('.');
        return options.Value.EffectiveHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<DownloadedFile> DownloadAsync(string? url, CancellationToken cancellationToken)
    {
        if (!IsAllowed(url))
        {
            return new DownloadedFile(null, 0, NotAllowedSource);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DownloadTimeout);
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url!));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            // A 3xx is an error here: following it could lead anywhere.
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await spool.DisposeAsync();
                return new DownloadedFile(null, 0, DownloadFailed);
            }

            if (response.Content.Headers.ContentLength > MinutesFile.MaxBytes)
            {
                await spool.DisposeAsync();
                return new DownloadedFile(null, 0, MinutesFile.Errors.TooLarge);
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > MinutesFile.MaxBytes)
                {
                    await spool.DisposeAsync();
                    return new DownloadedFile(null, 0, MinutesFile.Errors.TooLarge);
                }

                await spool.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }

            spool.Position = 0;
            return new DownloadedFile(spool, total, null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            await spool.DisposeAsync();
            return new DownloadedFile(null, 0, DownloadFailed);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }
}

/// <summary>
/// The Teams side of attaching minutes: "Attach minutes file" on her card remembers which session she means; the next
/// file she sends the bot in her personal chat is downloaded and goes through <see cref="SessionService.AttachMinutesFileAsync"/>.
/// She gets a confirmation or the errors on a card. Logs carry ids and outcomes only: never the downloadUrl or the file name.
/// </summary>
public sealed partial class MinutesFileIntake(
    SessionService service,
    PendingAttachmentStore pending,
    MinutesFileDownloader downloader,
    ActorResolver actors,
    CardCatalog cards,
    IOptions<MinutesFileOptions> options,
    TimeProvider time,
    ILogger<MinutesFileIntake> logger)
{
    public const string FileDownloadInfoContentType = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>The file a message carries, if any: Teams sends it as a file.download.info attachment.</summary>
    public static Attachment? FileOf(Activity activity) =>
        activity?.Attachments?.FirstOrDefault(a => string.Equals(a.ContentType, FileDownloadInfoContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>"Attach minutes file" pressed: checks she may add minutes now and remembers the session for her next file.</summary>
    public async Task<JsonObject?> RequestAsync(Actor actor, string? tenantId, string sessionId, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await service.ReadAsync(actor, sessionId, cancellationToken);
        if (stored is null || tenantId is null || !SessionAccess.Allows(actor, SessionAction.AddMinutes, stored.Session))
        {
            return null;
        }

        if (!SessionMinutes.CanAddMinutes(stored.Session, time.GetUtcNow()))
        {
            return Card(stored.Session, "refused", language, cards.Text(language, "sessions.notices.staleCard"), canRetry: false);
        }

        await pending.SaveAsync(tenantId, actor.ObjectId, actor.ProjectId, stored.Session.Id, stored.Session.Version, options.Value.PendingFor, cancellationToken);
        LogRequested(logger, actor.ProjectId, stored.Session.Id);
        return Card(stored.Session, "waiting", language, null, canRetry: false);
    }

    /// <summary>A message with a file from the person's personal chat: the answer card.</summary>
    public async Task<JsonObject> ReceiveAsync(Activity activity, Attachment attachment, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(attachment);
        var tenantId = activity.TenantId;
        var objectId = activity.From?.AadObjectId;
        var waiting = tenantId is null || objectId is null || activity.Conversation?.ConversationType != "personal"
            ? null
            : await pending.FindAsync(tenantId, objectId, cancellationToken);
        var actor = waiting is null ? null : await actors.ResolveAsync(activity, waiting.ProjectId, null, cancellationToken);
        var session = actor is null ? null : await service.ReadAsync(actor, waiting!.SessionId, cancellationToken);
        if (waiting is null || actor is null || session is null)
        {
            LogNotExpected(logger);
            return Card(null, "notExpected", language, null, canRetry: false);
        }

        var fileName = attachment.Name ?? string.Empty;
        // Refuse a wrong type before fetching anything.
        if (!MinutesFile.TryGetType(fileName, out _, out _))
        {
            return Refused(session.Session, language, MinutesFile.Errors.UnsupportedType, actor.ProjectId);
        }

        var url = attachment.Content?["downloadUrl"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        await using var download = await downloader.DownloadAsync(url, cancellationToken);
        if (download.Error is { } downloadError)
        {
            return Refused(session.Session, language, downloadError, actor.ProjectId);
        }

        // From the version she saw when she asked: a change in between is a lost race, her retried message is applied once.
        var (change, errors) = await service.AttachMinutesFileAsync(actor, session.Session.Id, waiting.Version, fileName, "application/octet-stream", download.Length, download.Content!, cancellationToken);
        if (change is null)
        {
            return Refused(session.Session, language, errors.Values.FirstOrDefault() ?? MinutesFile.Errors.Required, actor.ProjectId);
        }

        LogAttached(logger, actor.ProjectId, session.Session.Id, change.Outcome);
        if (change.Outcome is ChangeOutcome.Changed or ChangeOutcome.Duplicate)
        {
            await pending.DeleteAsync(tenantId!, objectId!, cancellationToken);
            return Card(change.Current!.Session, "received", language, null, canRetry: false);
        }

        // A lost race answers as every change does: the current session and "changed by someone else"; she may try again.
        var lostRace = change.Outcome is ChangeOutcome.Stale or ChangeOutcome.Conflict;
        var notice = change.Outcome switch
        {
            _ when lostRace => "sessions.notices.conflict",
            ChangeOutcome.NotFound or ChangeOutcome.Forbidden => "sessions.notices.forbidden",
            _ => "sessions.notices.staleCard",
        };
        return Card(change.Current?.Session ?? session.Session, "refused", language, cards.Text(language, notice), canRetry: lostRace);
    }

    private JsonObject Refused(SupervisionSession session, string language, string code, string projectId)
    {
        LogRefused(logger, projectId, session.Id, code);
        return Card(session, "refused", language, cards.Text(language, "sessions.minutesFile.errors." + code), canRetry: true);
    }

    private JsonObject Card(SupervisionSession? session, string state, string language, string? errorText, bool canRetry) =>
        cards.Render("session-minutes-file", new JsonObject
        {
            ["projectId"] = session?.ProjectId,
            ["sessionId"] = session?.Id,
            ["title"] = session?.Title,
            ["startText"] = session is null ? null : CopenhagenDates.DateAndTime(session.Start, language),
            ["state"] = state,
            ["errorText"] = errorText,
            ["canRetry"] = canRetry,
        }, language);

    [LoggerMessage(Level = LogLevel.Information, Message = "Minutes file requested for {ProjectId}/{SessionId}")]
    private static partial void LogRequested(ILogger logger, string projectId, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A file arrived without a pending minutes request")]
    private static partial void LogNotExpected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Minutes file for {ProjectId}/{SessionId} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string projectId, string sessionId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Minutes file for {ProjectId}/{SessionId}: {Outcome}")]
    private static partial void LogAttached(ILogger logger, string projectId, string sessionId, ChangeOutcome outcome);
}
