using System.Globalization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>The day-before reminder: due at 18:00 Copenhagen the evening before, sent once, to those who haven't declined.</summary>
public sealed class SessionReminderTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    // Starts at the real "now", so the signed test tokens (real clock) stay valid until the test moves time on.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public SessionReminderTests() =>
        _host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example");
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
            },
        };

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_reminder_waits_for_the_evening_before_then_goes_once_to_those_who_have_not_declined()
    {
        // The day after tomorrow: its reminder (tomorrow 18:00 in Copenhagen) is always in the future now.
        var date = DateOnly.FromDateTime(CopenhagenTime.ToLocal(_time.GetUtcNow()).DateTime).AddDays(2);
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        var data = ActionData(form, "session.save");
        data["kind"] = "ExperienceExchange";
        data["title"] = "Erfaringsudveksling";
        data["agenda"] = string.Empty;
        data["place"] = string.Empty;
        data["online"] = "false";
        data["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["startTime"] = "10:00";
        data["endTime"] = "12:00";
        data["invitees"] = $"{Mother.ObjectId},{OtherMother.ObjectId}";
        await _scenario.ActAsync(Coordinator, "session.save", data, "form-message");
        await _scenario.DeliverAsync();
        var session = Assert.Single(await _host.Services.GetRequiredService<SessionStore>().ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None)).Session;

        // Hawa declines on her card; Samira hasn't answered.
        var hawasCard = _host.ConnectorCalls().Last(c => c.Method == "POST" && c.Path.Contains(OtherMother.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var decline = ActionData(hawasCard, "session.respond");
        decline["rsvp"] = "Declined";
        await _scenario.ActAsync(OtherMother, "session.respond", decline, "sent-1");
        await _scenario.DeliverAsync();
        _host.Connector.ResetLogEntries();

        var dueAt = ReminderPolicy.ReminderDueAt(session)!.Value;
        _time.SetUtcNow(dueAt.AddMinutes(-1));
        await _scenario.DeliverAsync();
        Assert.DoesNotContain(_host.ConnectorCalls(), c => c.Method == "POST");

        _time.SetUtcNow(dueAt.AddMinutes(1));
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();

        var reminders = _host.ConnectorCalls().Where(c => c.Method == "POST").ToList();
        var reminder = Assert.Single(reminders);
        Assert.Equal($"/teams/v3/conversations/{Mother.ConversationId}/activities", reminder.Path);
        Assert.Contains("Erfaringsudveksling", Text(reminder.Body!), StringComparison.Ordinal);
        Assert.Contains("session.respond", Text(reminder.Body!), StringComparison.Ordinal);
        // Her reminder carries the .ics link signed for her.
        var link = new Uri(Assert.Single(System.Text.RegularExpressions.Regex.Matches(Text(reminder.Body!), "https://partnerhub\\.example/calendar/[^\"]+")).Value);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        Assert.Equal(Mother.ObjectId, (string?)query["for"]);
        Assert.True(new CalendarLinkSigner(CalendarLinkTestKey.Bytes).Verify(ProjectId, session.Id, Mother.ObjectId, long.Parse(query["exp"]!, CultureInfo.InvariantCulture), query["sig"]));
        var stored = await _host.Services.GetRequiredService<SessionStore>().FindAsync(ProjectId, session.Id, CancellationToken.None);
        Assert.Equal(session.Start, stored!.Session.RemindedForStart);
    }
}
