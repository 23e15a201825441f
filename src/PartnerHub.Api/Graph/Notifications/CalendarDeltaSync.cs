using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>What one organiser's sweep did. <see cref="Stored"/> is false when another sweep stored its link first.</summary>
public sealed record DeltaSweepResult(int Pages, int Events, bool Stored, bool Restarted);

/// <summary>
/// The fallback that misses nothing: per organiser, the delta query over her calendar view, continued from the
/// stored deltaLink. Every changed event goes to the <see cref="ICalendarChangeSink"/>; only when the last page has
/// been applied is the new deltaLink stored (conditional on the row the sweep started from), so a sweep that fails
/// halfway is simply repeated from the old link and the sink sees some changes twice (it is idempotent). A link Graph
/// no longer knows (<see cref="CalendarDeltaExpiredException"/>) is deleted and the window read in full, once per sweep.
/// </summary>
public sealed partial class CalendarDeltaSync(
    SubscriptionStore store,
    ICalendarGateway calendar,
    ICalendarChangeSink sink,
    IOptions<GraphNotificationOptions> options,
    TimeProvider time,
    ILogger<CalendarDeltaSync> logger)
{
    public async Task<DeltaSweepResult> SweepAsync(string projectId, string organizerObjectId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var startedFrom = await store.FindDeltaAsync(organizerObjectId, cancellationToken);
        var now = time.GetUtcNow();

        // A delta link keeps the window it was started with. Once its end comes within half the look-ahead, start
        // a new window (a full read, which the idempotent sink absorbs) so events far ahead are not left out.
        var reuse = startedFrom is { DeltaLink.Length: > 0 } && startedFrom.WindowEnd - now > settings.DeltaLookAhead / 2;
        var windowStart = reuse ? startedFrom!.WindowStart : now - settings.DeltaLookBack;
        var windowEnd = reuse ? startedFrom!.WindowEnd : now + settings.DeltaLookAhead;
        var link = reuse ? startedFrom!.DeltaLink : null;

        int pages = 0, events = 0;
        var resynced = false;
        while (true)
        {
            if (pages >= settings.MaxDeltaPages)
            {
                LogTooManyPages(logger, projectId, pages);
                throw new InvalidOperationException("The delta query did not reach a deltaLink within the page limit.");
            }

            CalendarDeltaPage page;
            try
            {
                page = await calendar.GetDeltaAsync(organizerObjectId, windowStart, windowEnd, link, cancellationToken);
            }
            catch (CalendarDeltaExpiredException e) when (!resynced)
            {
                // Graph dropped the sync state behind our link: forget the link (so no later sweep tries it again) and
                // read the whole window afresh, once. The sink is idempotent, so events already applied do no harm;
                // a second expiry within the same sweep is thrown, and the next pass starts without a link.
                LogResync(logger, projectId, e.Code);
                if (startedFrom is not null)
                {
                    await store.TryDeleteDeltaAsync(startedFrom, cancellationToken);
                    startedFrom = null;
                }

                resynced = true;
                reuse = false;
                now = time.GetUtcNow();
                windowStart = now - settings.DeltaLookBack;
                windowEnd = now + settings.DeltaLookAhead;
                link = null;
                continue;
            }

            pages++;
            foreach (var snapshot in page.Events)
            {
                await sink.ApplyAsync(projectId, organizerObjectId, snapshot, cancellationToken);
                events++;
            }

            if (!string.IsNullOrEmpty(page.NextLink))
            {
                link = page.NextLink;
                continue;
            }

            if (string.IsNullOrEmpty(page.DeltaLink))
            {
                throw new InvalidOperationException("A delta page had neither a nextLink nor a deltaLink.");
            }

            var reached = new DeltaState(organizerObjectId, projectId, page.DeltaLink, windowStart, windowEnd, time.GetUtcNow());
            var stored = await store.TrySaveDeltaAsync(reached, startedFrom, cancellationToken);
            if (!stored)
            {
                LogRaced(logger, projectId);
            }

            LogSwept(logger, projectId, pages, events, !reuse);
            return new DeltaSweepResult(pages, events, stored, !reuse);
        }
    }

    /// <summary>One pass over every coordinator with a subscription. Returns how many sweeps failed.</summary>
    public async Task<int> SweepAllAsync(CancellationToken cancellationToken)
    {
        var failed = 0;
        await foreach (var index in store.ListOrganizersAsync(cancellationToken))
        {
            try
            {
                await SweepAsync(index.ProjectId, index.OrganizerObjectId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One calendar's trouble must not stop the others'; the next pass starts from the stored link.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                LogFailed(logger, index.ProjectId, e.GetType().Name);
            }
        }

        return failed;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calendar delta sweep for project {ProjectId}: {Pages} pages, {Events} events (new window: {Restarted})")]
    private static partial void LogSwept(ILogger logger, string projectId, int pages, int events, bool restarted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar delta sweep for project {ProjectId}: Graph no longer knows the link ({Code}); reading the whole window again")]
    private static partial void LogResync(ILogger logger, string projectId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar delta sweep for project {ProjectId}: another sweep stored its link first")]
    private static partial void LogRaced(ILogger logger, string projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar delta sweep for project {ProjectId} gave up after {Pages} pages")]
    private static partial void LogTooManyPages(ILogger logger, string projectId, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar delta sweep for project {ProjectId} failed ({ErrorType}); the next pass retries from the stored link")]
    private static partial void LogFailed(ILogger logger, string projectId, string errorType);
}
