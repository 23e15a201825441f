using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>The Outlook event of a confirmed booking, as created on the organiser's calendar; <see cref="CancelledAt"/> once cancelled.</summary>
public sealed record BookingEvent(string EventId, string ICalUId, string OrganizerObjectId, DateTimeOffset? CancelledAt, ETag ETag);

/// <summary>
/// One row per booking that reached Outlook, <c>course-event|{cohort}|{booking}</c> in the project's partition: a point
/// read by the calendar handlers. Written by the outbox only, on behalf of the organiser (<c>ChangedBy</c>).
/// </summary>
public sealed class BookingEventStore(TableStore store, TimeProvider time)
{
    public const string Prefix = "course-event|";

    private TableClient Table => store.Table(TableNames.Main);

    public static string Key(string cohortId, string bookingId) => $"{Prefix}{cohortId}|{bookingId}";

    public async Task<BookingEvent?> FindAsync(string projectId, string cohortId, string bookingId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !Cohort.IsValidId(cohortId) || !Cohort.IsValidId(bookingId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, Key(cohortId, bookingId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new BookingEvent(entity.GetString("EventId"), entity.GetString("ICalUId"), entity.GetString("OrganizerObjectId"), entity.GetDateTimeOffset("CancelledAt"), entity.ETag)
            : null;
    }

    /// <summary>
    /// Records the created event. A second record of the same booking (a retried delivery after Graph returned the
    /// first event for the same transactionId) finds the row there and leaves it.
    /// </summary>
    public async Task RecordCreatedAsync(string projectId, string cohortId, string bookingId, CalendarEvent created, string organizerObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        var row = new TableEntity(projectId, Key(cohortId, bookingId))
        {
            ["EventId"] = created.EventId,
            ["ICalUId"] = created.ICalUId,
            ["OrganizerObjectId"] = organizerObjectId,
            ["ChangedBy"] = organizerObjectId,
            ["ChangedAt"] = time.GetUtcNow(),
        };
        try
        {
            await Table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded already: the same event (one transactionId per booking).
        }
    }

    /// <summary>Marks the event cancelled on the ETag read; false when the row changed meanwhile (another cancel won).</summary>
    public async Task<bool> MarkCancelledAsync(string projectId, string cohortId, string bookingId, BookingEvent current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = time.GetUtcNow();
        var row = new TableEntity(projectId, Key(cohortId, bookingId))
        {
            ["EventId"] = current.EventId,
            ["ICalUId"] = current.ICalUId,
            ["OrganizerObjectId"] = current.OrganizerObjectId,
            ["CancelledAt"] = now,
            ["ChangedBy"] = current.OrganizerObjectId,
            ["ChangedAt"] = now,
        };
        try
        {
            await Table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
