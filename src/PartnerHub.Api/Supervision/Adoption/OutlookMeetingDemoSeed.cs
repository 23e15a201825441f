using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// The demo's "came from Outlook" session: Alex makes a meeting in her (local) Outlook calendar nine days ahead with the
/// PartnerHub category, invites Adele, Isra and a health visitor from outside the project, and the meeting is adopted
/// through the same sink a Graph notification reaches. Only with the local calendar; once per store.
/// </summary>
public sealed class OutlookMeetingDemoSeed(ICalendarGateway calendar, OutlookAdoptionSink sink, SessionStore sessions) : IDemoSeed
{
    public const string TransactionId = "demo-outlook-meeting";
    public const string OutsideName = "Jette Hansen (Sundhedsplejen)";

    public int Order => 21;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var project = DemoData.Vollsmose.Id;
        if (calendar is not LocalCalendarGateway local
            || (await sessions.ListAsync(project, SessionStore.ByTime, SessionService.MaxListed, cancellationToken)).Any(s => s.Session.FromOutlook))
        {
            return 0;
        }

        var day = CopenhagenTime.DateOf(now).AddDays(9);
        var organizer = DemoData.Coordinator.ObjectId;
        var meeting = local.AddOutlookMeeting(
            new CalendarEventRequest(
                organizer,
                TransactionId,
                "Supervision: samarbejdet med sundhedsplejen",
                "<p>Lavet i Outlook.</p>",
                CopenhagenTime.FromLocal(day, new TimeOnly(10, 0))!.Value,
                CopenhagenTime.FromLocal(day, new TimeOnly(12, 0))!.Value,
                "Bydelsmødrenes lokale i Vollsmose",
                IsOnlineMeeting: false,
                [DemoData.MotherAdele.ObjectId, DemoData.MotherIsaiah.ObjectId]),
            [OutlookCategory.Name],
            [OutsideName]);
        var snapshot = await calendar.GetEventAsync(organizer, meeting.EventId, cancellationToken)
            ?? throw new InvalidOperationException("The local calendar lost the demo meeting.");
        await sink.ApplyAsync(project, organizer, snapshot, cancellationToken);
        return 1;
    }
}
