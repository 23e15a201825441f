namespace PartnerHub.Api.Graph.Notifications;

/// <summary>
/// Where calendar changes go: implemented by the feature that owns the events (supervision sessions), which
/// compares the snapshot with its own records and applies RSVPs, moves and cancellations.
/// </summary>
/// <remarks>
/// Called at least once per change, possibly more than once and in any order (a notification and the delta sweep
/// can both report the same change), so it must be idempotent and apply current state rather than trust the order
/// of calls. It must ignore events it does not know (the organiser's own appointments appear too) and must not
/// throw for them: an exception makes the sweep or the outbox delivery try again later. A deleted event comes as
/// a snapshot with <see cref="CalendarEventSnapshot.IsDeleted"/> set, in which only <c>EventId</c> is meaningful.
/// </remarks>
public interface ICalendarChangeSink
{
    Task ApplyAsync(string projectId, string organizerObjectId, CalendarEventSnapshot snapshot, CancellationToken cancellationToken);
}

public static class CalendarSnapshots
{
    /// <summary>What the sink is told when Graph no longer has the event.</summary>
    public static CalendarEventSnapshot Deleted(string eventId) =>
        new(eventId, string.Empty, default, default, IsCancelled: false, IsDeleted: true, new Dictionary<string, AttendeeResponse>());
}

/// <summary>
/// Thrown by an <see cref="ISubscriptionGateway"/> when Graph answers 404 for a subscription: it is gone and has to
/// be created again. <see cref="GraphErrors.IsNotFound"/> also recognises an <see cref="HttpRequestException"/> with
/// 404 and the Graph SDK's (Kiota) <c>ApiException</c> with <c>ResponseStatusCode</c> 404.
/// </summary>
public sealed class GraphSubscriptionNotFoundException : Exception
{
    public GraphSubscriptionNotFoundException()
        : base("The Graph subscription does not exist.")
    {
    }

    public GraphSubscriptionNotFoundException(string message)
        : base(message)
    {
    }

    public GraphSubscriptionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public static class GraphErrors
{
    public static bool IsNotFound(Exception exception) => exception switch
    {
        GraphSubscriptionNotFoundException => true,
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.NotFound } => true,
        // Microsoft.Kiota.Abstractions.ApiException (ODataError derives from it), without a reference to the SDK here.
        _ => exception.GetType().GetProperty("ResponseStatusCode")?.GetValue(exception) is 404,
    };
}
