using PartnerHub.Api.Graph;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>The Graph port's snapshot in Core's terms (<see cref="OutlookMeeting"/>).</summary>
public static class OutlookMeetings
{
    public static OutlookMeeting From(CalendarEventSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var attendees = snapshot.Attendees
            ?? [.. snapshot.ResponsesByObjectId.Select(pair => new CalendarAttendee(pair.Key, pair.Key, pair.Value))];
        return new OutlookMeeting(
            snapshot.EventId,
            snapshot.ICalUId,
            snapshot.Subject ?? string.Empty,
            snapshot.Start,
            snapshot.End,
            snapshot.Location,
            snapshot.IsOnlineMeeting,
            snapshot.JoinUrl,
            snapshot.Categories ?? [],
            snapshot.IsOrganizer,
            snapshot.IsPrivate,
            snapshot.IsRecurring,
            snapshot.IsCancelled,
            snapshot.IsDeleted,
            [.. attendees.Select(a => new OutlookAttendee(a.ObjectId, a.Name, RsvpOf(a.Response)))]);
    }

    private static Rsvp RsvpOf(AttendeeResponse response) => response switch
    {
        AttendeeResponse.Accepted => Rsvp.Accepted,
        AttendeeResponse.TentativelyAccepted => Rsvp.Tentative,
        AttendeeResponse.Declined => Rsvp.Declined,
        _ => Rsvp.None,
    };
}
