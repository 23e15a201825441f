using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph;

/// <summary>The demo's stand-ins keep the ports' contract: the same answers the Graph gateways give.</summary>
public sealed class LocalGatewayTests
{
    private const string Organizer = "org";
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private static CalendarEventRequest Meeting(string transactionId = "tx-1") =>
        new(Organizer, transactionId, "Netværksmøde", "<p>Dagsorden</p>", Start, Start.AddHours(1), "Kulturhuset", true, ["amina", "birgitte"]);

    [Fact]
    public async Task Create_is_idempotent_per_transaction_id_and_says_it_is_local()
    {
        var calendar = new LocalCalendarGateway();

        var first = await calendar.CreateEventAsync(Meeting(), CancellationToken.None);
        var retried = await calendar.CreateEventAsync(Meeting(), CancellationToken.None);
        var other = await calendar.CreateEventAsync(Meeting("tx-2"), CancellationToken.None);

        Assert.True(calendar.IsLocal);
        Assert.Equal(first, retried);
        Assert.NotEqual(first.EventId, other.EventId);
        Assert.NotEqual(first.ICalUId, other.ICalUId);
        Assert.Null(first.OnlineMeetingJoinUrl);
    }

    [Fact]
    public async Task Responses_update_and_cancel_show_in_the_snapshot()
    {
        var calendar = new LocalCalendarGateway();
        var created = await calendar.CreateEventAsync(Meeting(), CancellationToken.None);

        await calendar.RespondAsync("amina", created.ICalUId, AttendeeResponse.Accepted, CancellationToken.None);
        await calendar.RespondAsync("birgitte", created.ICalUId, AttendeeResponse.Declined, CancellationToken.None);
        await calendar.UpdateEventAsync(created.EventId, Meeting() with { Start = Start.AddDays(1), End = Start.AddDays(1).AddHours(1), AttendeeObjectIds = ["amina", "carla"] }, CancellationToken.None);
        var moved = await calendar.GetEventAsync(Organizer, created.EventId, CancellationToken.None);

        Assert.NotNull(moved);
        Assert.Equal(Start.AddDays(1), moved.Start);
        Assert.Equal(
            new Dictionary<string, AttendeeResponse> { ["amina"] = AttendeeResponse.Accepted, ["carla"] = AttendeeResponse.None },
            moved.ResponsesByObjectId.OrderBy(p => p.Key).ToDictionary());

        await calendar.CancelEventAsync(Organizer, created.EventId, "Aflyst", CancellationToken.None);
        await calendar.CancelEventAsync(Organizer, created.EventId, "Aflyst igen", CancellationToken.None);
        var cancelled = await calendar.GetEventAsync(Organizer, created.EventId, CancellationToken.None);

        Assert.True(cancelled!.IsCancelled);
        Assert.Equal("Aflyst", calendar.CancellationCommentOf(created.EventId));
        Assert.Null(await calendar.GetEventAsync("someone-else", created.EventId, CancellationToken.None));
    }

    [Fact]
    public async Task Respond_needs_an_invitation_for_that_attendee_and_a_real_answer()
    {
        var calendar = new LocalCalendarGateway();
        var created = await calendar.CreateEventAsync(Meeting(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => calendar.RespondAsync("stranger", created.ICalUId, AttendeeResponse.Accepted, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => calendar.RespondAsync("amina", "it's-unknown", AttendeeResponse.Accepted, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => calendar.RespondAsync("amina", created.ICalUId, AttendeeResponse.None, CancellationToken.None));
    }

    [Fact]
    public async Task Delta_pages_with_next_links_then_a_delta_link_that_returns_only_later_changes()
    {
        var calendar = new LocalCalendarGateway(deltaPageSize: 2);
        var events = new List<CalendarEvent>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(await calendar.CreateEventAsync(Meeting("tx-" + i), CancellationToken.None));
        }

        var window = (Start.AddDays(-1), Start.AddDays(30));
        var first = await calendar.GetDeltaAsync(Organizer, window.Item1, window.Item2, null, CancellationToken.None);
        var second = await calendar.GetDeltaAsync(Organizer, default, default, first.NextLink, CancellationToken.None);

        Assert.Equal(2, first.Events.Count);
        Assert.NotNull(first.NextLink);
        Assert.Null(first.DeltaLink);
        Assert.Single(second.Events);
        Assert.Null(second.NextLink);
        Assert.NotNull(second.DeltaLink);

        await calendar.CancelEventAsync(Organizer, events[1].EventId, "Aflyst", CancellationToken.None);
        var later = await calendar.GetDeltaAsync(Organizer, default, default, second.DeltaLink, CancellationToken.None);

        var removed = Assert.Single(later.Events);
        Assert.Equal(events[1].EventId, removed.EventId);
        Assert.True(removed.IsDeleted);
        Assert.NotNull(later.DeltaLink);
        await Assert.ThrowsAsync<ArgumentException>(() => calendar.GetDeltaAsync(Organizer, default, default, "https://graph.microsoft.com/v1.0/x", CancellationToken.None));
    }

    [Fact]
    public async Task Local_documents_check_names_like_the_library_and_replace_by_path()
    {
        var documents = new LocalDocumentGateway();

        var first = await documents.UploadAsync("Referater", "referat-r1.pdf", new MemoryStream([1, 2, 3]), 3, "application/pdf", CancellationToken.None);
        var again = await documents.UploadAsync("Referater", "referat-r1.pdf", new MemoryStream([4, 5]), 2, "application/pdf", CancellationToken.None);

        Assert.Equal(first.DriveItemId, again.DriveItemId);
        Assert.Equal(2, again.Size);
        Assert.Equal([4, 5], documents.Read("Referater", "referat-r1.pdf"));
        await Assert.ThrowsAsync<ArgumentException>(() => documents.UploadAsync("Referater", "../x.pdf", new MemoryStream([1]), 1, "application/pdf", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => documents.UploadAsync("Referater", "ok.pdf", new MemoryStream([1]), 5, "application/pdf", CancellationToken.None));
    }

    [Fact]
    public async Task Local_subscriptions_answer_like_Graph()
    {
        var subscriptions = new LocalSubscriptionGateway();
        var expires = Start.AddDays(2);

        var created = await subscriptions.CreateAsync("/users/org/events", "created,updated,deleted", new Uri("https://x/n"), new Uri("https://x/l"), "state", expires, CancellationToken.None);
        var renewed = await subscriptions.RenewAsync(created.Id, expires.AddDays(1), CancellationToken.None);
        await subscriptions.DeleteAsync(created.Id, CancellationToken.None);

        Assert.Equal("/users/org/events", created.Resource);
        Assert.Equal(expires.AddDays(1), renewed.ExpiresAt);
        Assert.Empty(subscriptions.Active);
    }

    [Fact]
    public async Task Without_Graph_settings_the_local_gateways_are_registered_and_that_is_logged()
    {
        var (services, logs) = await StartAsync(new Dictionary<string, string?>());

        Assert.IsType<LocalCalendarGateway>(services.GetRequiredService<ICalendarGateway>());
        Assert.IsType<LocalSubscriptionGateway>(services.GetRequiredService<ISubscriptionGateway>());
        Assert.IsType<LocalDocumentGateway>(services.GetRequiredService<IDocumentGateway>());
        Assert.Contains(logs.Lines, line => line.Contains("Graph not configured: local calendar in use; nothing reaches Outlook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_half_the_Graph_settings_the_demo_stays_local_and_says_why()
    {
        var (services, logs) = await StartAsync(new Dictionary<string, string?> { ["Graph:TenantId"] = "t", ["Graph:ClientId"] = "c" });

        Assert.True(services.GetRequiredService<ICalendarGateway>().IsLocal);
        Assert.Contains(logs.Lines, line => line.Contains("Graph partly configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_tenant_client_and_secret_the_Graph_gateways_are_registered()
    {
        var (services, logs) = await StartAsync(new Dictionary<string, string?>
        {
            ["Graph:TenantId"] = "11111111-2222-3333-4444-555555555555",
            ["Graph:ClientId"] = "22222222-0000-4000-8000-000000000001",
            ["Graph:ClientSecret"] = "s3cret-value",
            ["Graph:DriveId"] = "drive",
        });

        Assert.IsType<GraphCalendarGateway>(services.GetRequiredService<ICalendarGateway>());
        Assert.False(services.GetRequiredService<ICalendarGateway>().IsLocal);
        Assert.IsType<GraphSubscriptionGateway>(services.GetRequiredService<ISubscriptionGateway>());
        Assert.IsType<GraphDocumentGateway>(services.GetRequiredService<IDocumentGateway>());
        Assert.Contains(logs.Lines, line => line.Contains("Graph configured", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("s3cret-value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("o'brien", "'o''brien'")]
    [InlineData("'') or true or (''", "''''') or true or ('''''")]
    public void OData_literals_double_single_quotes(string value, string expected) =>
        Assert.Equal(expected, ODataLiteral.Quote(value));

    [Fact]
    public void Graph_times_are_Copenhagen_local_in_the_Windows_zone_and_read_back_exactly()
    {
        var winter = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
        var written = GraphTime.ToGraph(winter);

        Assert.Equal("2026-01-15T10:00:00", written.DateTime);
        Assert.Equal("Romance Standard Time", written.TimeZone);
        Assert.Equal(winter, GraphTime.FromGraph(written));
        Assert.Equal(winter, GraphTime.FromGraph(new Microsoft.Graph.Models.DateTimeTimeZone { DateTime = "2026-01-15T09:00:00.0000000", TimeZone = "UTC" }));
    }

    private static async Task<(IServiceProvider Services, LogSink Logs)> StartAsync(Dictionary<string, string?> settings)
    {
        var logs = new LogSink();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(builder => builder.AddProvider(logs))
            .AddPartnerHubGraph(configuration)
            .BuildServiceProvider();
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return (services, logs);
    }
}
