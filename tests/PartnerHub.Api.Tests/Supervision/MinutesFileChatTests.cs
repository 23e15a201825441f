using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Privacy;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using Xunit.Abstractions;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// A coordinator sends the bot her minutes as a file, through /api/messages with signed tokens: "Attach minutes file" on
/// her card, then a message with a Teams file.download.info attachment whose downloadUrl a WireMock (https) serves.
/// WireMock is also Graph (upload session) and the Bot Connector; tables and staged blobs are in Azurite; the outbox is
/// driven by hand.
/// </summary>
public sealed class MinutesFileChatTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string SessionId = "s-minutesfile01";
    private const string UploadPath = "/upload/minutes-session-1";
    private const string Capability = "tempauth=secret-capability-1234";
    private const int ChunkBytes = 4 * GraphOptions.UploadChunkUnit;

    private readonly GraphStub _graph = new();
    private readonly WireMockServer _files = WireMockServer.Start(new WireMockServerSettings
    {
        UseSSL = true,
        CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificates.Localhost },
    });

    private readonly BotHost _host;
    private readonly ITestOutputHelper _output;
    private ReferralScenario _scenario = null!;
    private SupervisionSession _session = null!;

    public MinutesFileChatTests(ITestOutputHelper output)
    {
        _output = output;
        _host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Graph:TenantId", _graph.Options.TenantId);
                builder.UseSetting("Graph:ClientId", _graph.Options.ClientId);
                builder.UseSetting("Graph:ClientSecret", "unused-with-a-fixed-token");
                builder.UseSetting("Graph:BaseUrl", _graph.V1);
                builder.UseSetting("Graph:DriveId", GraphStub.DriveId);
                builder.UseSetting("Graph:UploadChunkBytes", ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
                builder.UseSetting("Graph:Notifications:Enabled", "false");
                // The file host stands in for SharePoint: only it is on the allow-list.
                builder.UseSetting("MinutesFiles:AllowedDownloadHosts:0", "localhost");
                builder.ConfigureTestServices(services =>
                {
                    services.AddSingleton(provider => GraphClientBuilder.Create(
                        provider.GetRequiredService<GraphOptions>(),
                        new FixedTokenCredential(),
                        provider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerHub.Api.Graph.Http")));
                    // Test-only: trust the file host's throwaway certificate; redirects stay off as in production.
                    services.AddHttpClient(MinutesFileDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        AllowAutoRedirect = false,
                        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                    });
                });
            },
        };
    }

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();

        // A supervision held yesterday; the mothers got their session cards (the outbox remembers where).
        var now = DateTimeOffset.UtcNow;
        var form = new ValidSessionForm(SessionKind.Supervision, "Supervision med Samira", "Hjemmebesøg", "Beboerhuset", false, now.AddDays(-1), now.AddDays(-1).AddHours(2),
            [new SessionInvitation(Mother.ObjectId, ProjectRole.NeighbourhoodMother), new SessionInvitation(OtherMother.ObjectId, ProjectRole.NeighbourhoodMother)]);
        var coordinator = new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null);
        _session = SupervisionSession.Create(SessionId, coordinator, form, now.AddDays(-3));
        var outbox = _host.Services.GetRequiredService<OutboxWriter>();
        var cards = outbox.Create(ProjectId, SessionNotifications.SendCards(SessionId, [Mother.ObjectId, OtherMother.ObjectId]));
        await _host.Services.GetRequiredService<SessionStore>().CreateAsync(_session, "test|" + SessionId, [cards.Action], CancellationToken.None);
        await _host.Services.GetRequiredService<ProjectRegistry>().RegisterAsync(ProjectId, CancellationToken.None);
        await _scenario.DeliverAsync();
        _host.Connector.ResetLogEntries();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        _graph.Dispose();
        _files.Stop();
    }

    [Fact]
    public async Task A_file_over_4_MiB_sent_in_chat_goes_through_an_upload_session_under_a_name_without_personal_data_and_the_mothers_get_the_link()
    {
        var total = (4 * 1024 * 1024) + (100 * 1024);
        var bytes = PdfOf(total);
        _files.Given(Request.Create().WithPath("/personal/karen/Documents/referat.pdf").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/pdf").WithBody(bytes));
        var expectedName = $"referat-supervision-{_session.LocalDate:yyyy-MM-dd}-{SessionId}.pdf";
        var sessionPath = $"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/{ProjectId}/{expectedName}:/createUploadSession";
        GivenUploadSession(sessionPath, total);

        // 1. On her card she presses "Vedhæft referat som fil": the card says to send the file now.
        var card = Card(await _scenario.ActAsync(Coordinator, "session.open", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = SessionId }));
        var waiting = Card(await _scenario.ActAsync(Coordinator, "session.minutes.attach", ActionData(card, "session.minutes.attach")));
        Assert.Contains("Send filen her i chatten nu", Text(waiting), StringComparison.Ordinal);
        Assert.Equal("da", (string?)ActionData(card, "session.minutes.attach")["language"]);

        // 2. She sends the file: it is fetched without any token, staged, and she is told it was received.
        // Her file's name is a canary too (people name minutes after who was there): issue 16 point 7 for the chat attachment.
        using var watch = new CanaryWatch();
        var fileName = $"Referat Samira og Hawa {watch.New("minutes file name sent in chat")}.pdf";
        var reply = await SendFileAsync(Coordinator, fileName, $"{_files.Url}/personal/karen/Documents/referat.pdf?{Capability}");
        Assert.Contains("filen er modtaget", Text(reply), StringComparison.Ordinal);
        var fetch = Assert.Single(_files.LogEntries).RequestMessage;
        Assert.False(fetch.Headers?.ContainsKey("Authorization") ?? false);
        Assert.Empty(_graph.Requests()); // nothing reaches Graph from the message itself

        // 3. The outbox uploads it in chunks to a session created for a name of kind, date and id only.
        await _scenario.DeliverAsync();
        var created = Assert.Single(_graph.Requests("POST", sessionPath));
        Assert.Equal(expectedName, (string?)GraphStub.BodyOf(created)["item"]!["name"]);
        Assert.Equal("replace", (string?)GraphStub.BodyOf(created)["item"]!["@microsoft.graph.conflictBehavior"]);
        var chunks = _graph.Requests("PUT", UploadPath);
        Assert.Equal((total + ChunkBytes - 1) / ChunkBytes, chunks.Count);
        var offset = 0;
        foreach (var chunk in chunks)
        {
            Assert.Null(GraphStub.Header(chunk, "Authorization"));
            var length = chunk.BodyAsBytes!.Length;
            Assert.Equal($"bytes {offset}-{offset + length - 1}/{total}", GraphStub.Header(chunk, "Content-Range"));
            Assert.Equal(bytes.AsSpan(offset, length).ToArray(), chunk.BodyAsBytes);
            offset += length;
        }

        Assert.Equal(total, offset);
        Assert.All(_graph.Requests(), r => Assert.DoesNotContain("Samira", Uri.UnescapeDataString(r.AbsolutePath + r.Body), StringComparison.OrdinalIgnoreCase));
        var stored = (await _host.Services.GetRequiredService<SessionStore>().FindAsync(ProjectId, SessionId, CancellationToken.None))!.Session;
        Assert.Equal(expectedName, stored.MinutesDocumentName);
        Assert.Equal("https://vollsmose.sharepoint.example/Referater/minutes.pdf", stored.MinutesUrl);
        Assert.Empty(await StagedBlobsAsync()); // deleted after the upload

        // 4. The mothers' cards follow with the link.
        await _scenario.DeliverAsync();
        foreach (var mother in new[] { Mother, OtherMother })
        {
            var update = _host.ConnectorCalls().Last(c => c.Method == "PUT" && c.Path.Contains(mother.ConversationId, StringComparison.Ordinal));
            Assert.Contains("https://vollsmose.sharepoint.example/Referater/minutes.pdf", Text(update.Body!), StringComparison.Ordinal);
        }

        // Nothing of the file's name or its capability URL was logged.
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains("secret-capability", StringComparison.Ordinal)
            || line.Contains("Samira og Hawa", StringComparison.Ordinal) || line.Contains("/personal/karen", StringComparison.Ordinal));

        // Nor is it in a trace, a metric, a URL asked of Graph or the Connector, the outbox, a staged blob's name or the stored document name.
        watch.CheckTelemetry(_host.Logs);
        watch.CheckRequestedUrls("Graph", _graph.Server);
        watch.CheckRequestedUrls("Bot Connector", _host.Connector);
        await watch.CheckOutboxAsync(_host.Tables, ProjectId);
        await watch.CheckStagedBlobNamesAsync(_host.TablePrefix);
        watch.Check("stored document name", [stored.MinutesDocumentName]);
        watch.AssertNoneLeaked(_output);
    }

    [Fact]
    public async Task A_forged_download_host_is_refused_without_any_outbound_request()
    {
        _files.Given(Request.Create().UsingAnyMethod()).AtPriority(100).RespondWith(Response.Create().WithStatusCode(200).WithBody(PdfOf(100)));
        var card = Card(await _scenario.ActAsync(Coordinator, "session.open", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = SessionId }));
        Card(await _scenario.ActAsync(Coordinator, "session.minutes.attach", ActionData(card, "session.minutes.attach")));
        var port = new Uri(_files.Url!).Port;

        // An address instead of a host name, plain http, another host, user info: all pointing at the file server.
        foreach (var forged in new[]
        {
            $"https://127.0.0.1:{port}/referat.pdf",
            $"http://localhost:{port}/referat.pdf",
            $"https://localhost.evil.example:{port}/referat.pdf",
            $"https://user:pw@localhost:{port}/referat.pdf",
            "file:///etc/passwd",
        })
        {
            var reply = await SendFileAsync(Coordinator, "referat.pdf", forged);
            Assert.Contains("Filen kom ikke fra Teams’ eget fillager", Text(reply), StringComparison.Ordinal);
        }

        Assert.Empty(_files.LogEntries);
        Assert.Empty(await StagedBlobsAsync());

        // A redirect from the allowed host is not followed either.
        _files.Given(Request.Create().WithPath("/redirect.pdf").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", $"https://127.0.0.1:{port}/elsewhere.pdf"));
        var redirected = await SendFileAsync(Coordinator, "referat.pdf", $"{_files.Url}/redirect.pdf");
        Assert.Contains("Filen kunne ikke hentes fra Teams", Text(redirected), StringComparison.Ordinal);
        Assert.Single(_files.LogEntries);
    }

    [Fact]
    public async Task A_file_without_a_pending_request_gets_help_and_a_wrong_file_gets_its_error()
    {
        _files.Given(Request.Create().WithPath("/program.pdf").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody([0x4D, 0x5A, 0x90, 0x00, 0x03]));

        // Nobody asked for a file: a pointer to the button, nothing fetched.
        var unexpected = await SendFileAsync(Mother, "referat.pdf", $"{_files.Url}/program.pdf");
        Assert.Contains("Jeg ventede ikke en fil", Text(unexpected), StringComparison.Ordinal);
        Assert.Empty(_files.LogEntries);

        // A mother cannot ask to attach minutes.
        var refused = Card(await _scenario.ActAsync(Mother, "session.minutes.attach", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = SessionId }));
        Assert.Contains("Du har ikke adgang", Text(refused), StringComparison.Ordinal);

        // The coordinator sends a program renamed to .pdf: refused with the reason, nothing staged, no outbox row.
        var card = Card(await _scenario.ActAsync(Coordinator, "session.open", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = SessionId }));
        Card(await _scenario.ActAsync(Coordinator, "session.minutes.attach", ActionData(card, "session.minutes.attach")));
        var mismatch = await SendFileAsync(Coordinator, "referat.pdf", $"{_files.Url}/program.pdf");
        Assert.Contains("passer ikke til filtypen", Text(mismatch), StringComparison.Ordinal);
        var exe = await SendFileAsync(Coordinator, "referat.exe", $"{_files.Url}/program.pdf");
        Assert.Contains("Den filtype kan ikke bruges", Text(exe), StringComparison.Ordinal);
        Assert.Single(_files.LogEntries); // the .exe was refused by its name before any download
        Assert.Empty(await StagedBlobsAsync());
        Assert.Equal(0, await _scenario.DeliverAsync());
    }

    [Fact]
    public async Task A_file_sent_after_someone_else_changed_the_session_is_a_lost_race_answered_with_the_current_card()
    {
        _files.Given(Request.Create().WithPath("/late.pdf").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(PdfOf(2048)));
        var card = Card(await _scenario.ActAsync(Coordinator, "session.open", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = SessionId }));
        Card(await _scenario.ActAsync(Coordinator, "session.minutes.attach", ActionData(card, "session.minutes.attach")));
        var store = _host.Services.GetRequiredService<SessionStore>();
        var current = (await store.FindAsync(ProjectId, SessionId, CancellationToken.None))!;
        await store.UpdateAsync(current, current.Session.NextDecided(), null, [], CancellationToken.None);

        var raced = await SendFileAsync(Coordinator, "referat.pdf", $"{_files.Url}/late.pdf");

        Assert.Contains("En anden har lige ændret mødet", Text(raced), StringComparison.Ordinal);
        Assert.Contains("Supervision med Samira", Text(raced), StringComparison.Ordinal);
        Assert.Empty(await StagedBlobsAsync());
        Assert.Equal(0, await _scenario.DeliverAsync());
    }

    [Fact]
    public async Task The_upload_handler_is_safe_to_repeat_before_and_after_the_staged_blob_is_deleted()
    {
        var bytes = PdfOf(64 * 1024);
        var expectedName = $"referat-supervision-{_session.LocalDate:yyyy-MM-dd}-{SessionId}.pdf";
        var putPath = $"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/{ProjectId}/{expectedName}:/content";
        _graph.Server.Given(Request.Create().WithPath(putPath).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-small", ["webUrl"] = "https://vollsmose.sharepoint.example/Referater/small.pdf", ["size"] = bytes.Length }));
        var staging = _host.Services.GetRequiredService<StagedFileStore>();
        var blobName = await staging.StageAsync(ProjectId, SessionId, new MemoryStream(bytes), bytes.Length, "application/pdf", CancellationToken.None);
        var handler = _host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == SessionNotifications.UploadMinutesFileKind);
        var delivery = new OutboxDelivery(ProjectId, "outbox|01JZ0000000000000000000000", handler.Kind,
            SessionNotifications.UploadMinutesFile(SessionId, Coordinator.ObjectId, blobName, ".pdf").Payload, 1, DateTimeOffset.UtcNow);
        var store = _host.Services.GetRequiredService<SessionStore>();

        // A crash after the upload but before the blob was deleted: the retry uploads the same name again (Graph replaces).
        await handler.HandleAsync(delivery, CancellationToken.None);
        var version = (await store.FindAsync(ProjectId, SessionId, CancellationToken.None))!.Session.Version;
        var restaged = await staging.StageAsync(ProjectId, SessionId, new MemoryStream(bytes), bytes.Length, "application/pdf", CancellationToken.None);
        var again = delivery with { Payload = SessionNotifications.UploadMinutesFile(SessionId, Coordinator.ObjectId, restaged, ".pdf").Payload };
        await handler.HandleAsync(again, CancellationToken.None);
        Assert.Equal(2, _graph.Requests("PUT", putPath).Count);
        Assert.Equal(bytes, _graph.Requests("PUT", putPath)[^1].BodyAsBytes);
        // The same document recorded twice is no change: no new version, no second card update.
        Assert.Equal(version, (await store.FindAsync(ProjectId, SessionId, CancellationToken.None))!.Session.Version);

        // A retry after the blob is gone: nothing to send, nothing fails.
        await handler.HandleAsync(delivery, CancellationToken.None);
        Assert.Equal(2, _graph.Requests("PUT", putPath).Count);
        Assert.Empty(await StagedBlobsAsync());
        Assert.Equal(expectedName, (await store.FindAsync(ProjectId, SessionId, CancellationToken.None))!.Session.MinutesDocumentName);
    }

    private async Task<JsonObject> SendFileAsync(Person person, string name, string downloadUrl)
    {
        var before = _host.ConnectorCalls().Count;
        var message = _host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId));
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = MinutesFileIntake.FileDownloadInfoContentType,
            ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/karen/Documents/Microsoft Teams Chat Files/" + name,
            ["name"] = name,
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = downloadUrl,
                ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                ["fileType"] = System.IO.Path.GetExtension(name).TrimStart('.'),
            },
        });
        using var response = await _host.PostSignedAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = _host.ConnectorCalls().Skip(before).Single();
        return reply.Body!["attachments"]![0]!["content"]!.AsObject();
    }

    private void GivenUploadSession(string sessionPath, int total)
    {
        _graph.Server.Given(Request.Create().WithPath(sessionPath).UsingPost())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["uploadUrl"] = _graph.Server.Url + UploadPath + "?tempauth=pre-signed",
                ["expirationDateTime"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["nextExpectedRanges"] = new JsonArray("0-"),
            }));
        _graph.Server.Given(Request.Create().WithPath(UploadPath).UsingPut()).AtPriority(10)
            .RespondWith(GraphStub.Json(202, new JsonObject { ["nextExpectedRanges"] = new JsonArray("0-") }));
        _graph.Server.Given(Request.Create().WithPath(UploadPath).UsingPut().WithHeader("Content-Range", $"bytes *-{total - 1}/{total}")).AtPriority(1)
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-minutes", ["webUrl"] = "https://vollsmose.sharepoint.example/Referater/minutes.pdf", ["size"] = total }));
    }

    private async Task<List<string>> StagedBlobsAsync()
    {
        var container = new BlobContainerClient(AzuriteFixture.ConnectionString, _host.Services.GetRequiredService<StagedFileStore>().Name);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        return names;
    }

    private static byte[] PdfOf(int length)
    {
        var bytes = new byte[length];
        new Random(11).NextBytes(bytes);
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(bytes, 0);
        return bytes;
    }

    private sealed class FixedTokenCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GraphStub.Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
