using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using Xunit.Abstractions;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Minutes uploaded as a file whose name carries a canary (people name files after who was there): staged, carried
/// by the outbox and uploaded to SharePoint. The name must not reach the staged blob's name, the outbox, a log line,
/// a trace, a metric, the SharePoint path or the stored document name. One host of its own: the outbox is swept by hand.
/// </summary>
public sealed class MinutesFileCanaryTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private readonly ITestOutputHelper _output;
    private readonly CanaryWatch _watch = new();
    private readonly GraphStub _graph = new();
    private readonly RestHost _host;
    private SupervisionSession _held = null!;

    public MinutesFileCanaryTests(ITestOutputHelper output)
    {
        _output = output;
        _host = new RestHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Outbox:Enabled", "false");
                _graph.Configure(builder);
                builder.UseSetting("Graph:DriveId", GraphStub.DriveId);
            },
        };
    }

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in DemoData.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        var store = _host.Services.GetRequiredService<SessionStore>();
        foreach (var session in SessionDemoSeed.Sessions(DateTimeOffset.UtcNow))
        {
            await store.CreateAsync(session, "test|" + session.Id, [], CancellationToken.None);
        }

        _held = (await store.FindAsync("vollsmose", "demo-held", CancellationToken.None))!.Session;
        _graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"/v1.0/drives/{GraphStub.DriveId}/*")).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-1", ["webUrl"] = "https://vollsmose.sharepoint.example/Referater/referat.pdf", ["size"] = Pdf.Length }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task A_minutes_file_named_after_people_is_staged_and_uploaded_under_ids_only()
    {
        var fileName = $"Referat med {_watch.New("minutes file name")}.pdf";

        using (var content = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "file", fileName);
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/vollsmose/sessions/{_held.Id}/minutes") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(DemoData.Coordinator.ObjectId));
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{_held.Version}\"");
            using var response = await _host.CreateClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await _watch.CheckStagedBlobNamesAsync(_host.Tables.Table("x").Name[..^1]);
        await _watch.CheckOutboxAsync(_host.Tables, "vollsmose");
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher>();
        for (var sweep = 0; sweep < 5 && await dispatcher.SweepOnceAsync(CancellationToken.None) > 0; sweep++)
        {
        }

        // The file reached SharePoint, so the name's absence below means something.
        Assert.Contains(_graph.Requests(), r => r.Method == "PUT" && r.BodyAsBytes is { Length: > 0 });
        var stored = (await _host.Services.GetRequiredService<SessionStore>().FindAsync("vollsmose", _held.Id, CancellationToken.None))!.Session;
        _watch.Check("minutes document name", [stored.MinutesDocumentName]);
        _watch.CheckTelemetry(_host.Logs);
        _watch.CheckRequestedUrls("Graph", _graph.Server);
        await _watch.CheckOutboxAsync(_host.Tables, "vollsmose");
        _watch.AssertNoneLeaked(_output);
    }
}
