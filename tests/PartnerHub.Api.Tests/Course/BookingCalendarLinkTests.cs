using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Course;
using PartnerHub.Api.Links;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;
using static PartnerHub.Api.Tests.Course.CourseGraphHost;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>The teacher's signed .ics link for a confirmed booking: what it serves, and that every forgery is the same 404.</summary>
[Collection(CourseGraphGroup.Name)]
public sealed class BookingCalendarLinkTests(CourseGraphHost course)
{
    private readonly LinkSigner _signer = new(CalendarLinkTestKey.Bytes);

    [Fact]
    public async Task The_link_downloads_the_booking_in_UTC_without_participant_names_and_later_its_cancellation()
    {
        var cohort = await course.CohortAsync("hold-ics", Tuesdays(30, 3), new CourseParticipant("p1", "Åse Ørsted"));
        var stored = await course.ConfirmedAsync(cohort, "b-ics", "s02");
        var url = course.Get<BookingCalendarLinks>().For(stored.Booking)!;
        Assert.StartsWith($"{PublicBaseUrl}/calendar/{ProjectId}/course/{cohort.Id}/{stored.Booking.Id}.ics?for={Teacher}&exp=", url, StringComparison.Ordinal);
        using var client = course.Host.CreateClient();

        using var response = await client.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true });
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{stored.Booking.Start.UtcDateTime:yyyyMMdd'T'HHmmss}Z", ics, StringComparison.Ordinal);
        Assert.Contains($"DTEND:{stored.Booking.End.UtcDateTime:yyyyMMdd'T'HHmmss}Z", ics, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", ics, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:2", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:booking-{cohort.Id}-{stored.Booking.Id}@{ProjectId}.partnerhub", ics, StringComparison.Ordinal);
        Assert.Contains("Hold forår", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Åse", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Ørsted", ics, StringComparison.Ordinal);

        // Cancelled: no new link is made, and the one she has downloads the cancellation, with a higher sequence.
        var cancelled = await course.ChangeAsync(stored, stored.Booking with { State = BookingState.Cancelled, Version = 3 });
        Assert.Null(course.Get<BookingCalendarLinks>().For(cancelled.Booking));
        using var again = await client.GetAsync(new Uri(url).PathAndQuery);
        var cancellation = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("STATUS:CANCELLED", cancellation, StringComparison.Ordinal);
        Assert.Contains("METHOD:CANCEL", cancellation, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:3", cancellation, StringComparison.Ordinal);
        Assert.Contains($"UID:booking-{cohort.Id}-{stored.Booking.Id}@{ProjectId}.partnerhub", cancellation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_failure_is_the_same_404_whichever_part_is_wrong()
    {
        var cohort = await course.CohortAsync("hold-forged", Tuesdays(34, 3));
        var booking = (await course.ConfirmedAsync(cohort, "b-forged", "s01")).Booking;
        await course.ConfirmedAsync(cohort, "b-forged-other", "s02");
        var exp = (booking.End + TimeSpan.FromDays(14)).ToUnixTimeSeconds();
        string[] parts = [ProjectId, cohort.Id, booking.Id, Teacher];
        var signature = _signer.Sign(BookingCalendarLinks.Purpose, parts, exp);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var otherTeacher = "7e0a1b2c-0000-4000-8000-0000000000e9";
        using var client = course.Host.CreateClient();
        var valid = Link(cohort.Id, booking.Id, Teacher, exp, signature);
        using (var ok = await client.GetAsync(valid))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        string[] failures =
        [
            Link(cohort.Id, booking.Id, Teacher, exp, signature[..^1] + (signature[^1] == 'A' ? 'B' : 'A')), // tampered
            Link(cohort.Id, booking.Id, Teacher, past, _signer.Sign(BookingCalendarLinks.Purpose, parts, past)), // expired
            Link(cohort.Id, booking.Id, Teacher, exp + 1, signature), // a later expiry
            Link(cohort.Id, "b-forged-other", Teacher, exp, signature), // another booking
            Link(cohort.Id, booking.Id, otherTeacher, exp, _signer.Sign(BookingCalendarLinks.Purpose, [ProjectId, cohort.Id, booking.Id, otherTeacher], exp)), // not her booking
            Link(cohort.Id, booking.Id, Teacher, exp, _signer.Sign(CalendarLinkSigner.Purpose, parts, exp)), // signed for another kind of link
            Link(cohort.Id, booking.Id, Teacher, exp, new LinkSigner(Enumerable.Repeat((byte)9, 32).ToArray()).Sign(BookingCalendarLinks.Purpose, parts, exp)), // wrong key
            $"/calendar/{ProjectId}/course/{cohort.Id}/{booking.Id}.ics?for={Teacher}&exp={exp}", // no signature
            valid + "&sig=" + signature, // two signatures
        ];

        var bodies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in failures)
        {
            using var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, link);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            bodies.Add(problem.ToJsonString());
        }

        Assert.Single(bodies);
    }

    private static string Link(string cohortId, string bookingId, string teacher, long exp, string signature) =>
        string.Create(CultureInfo.InvariantCulture, $"/calendar/{ProjectId}/course/{cohortId}/{bookingId}.ics?for={teacher}&exp={exp}&sig={signature}");
}
