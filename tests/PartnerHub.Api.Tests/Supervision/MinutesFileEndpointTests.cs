using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// PUT /api/projects/{projectId}/sessions/{sessionId}/minutes through the real host with signed Entra tokens, Azurite
/// tables and blobs. The outbox is off: what is under test is what the request leaves behind (a staged blob and one
/// outbox row, or nothing at all).
/// </summary>
public sealed class MinutesFileEndpointTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private readonly RestHost _host = new() { Customize = builder => builder.UseSetting("Outbox:Enabled", "false") };
    private SupervisionSession _held = null!;
    private SupervisionSession _upcoming = null!;

    private string CoordinatorToken => _host.TokenFor(DemoData.Coordinator.ObjectId);

    private static string Path(string sessionId) => $"/api/projects/vollsmose/sessions/{sessionId}/minutes";

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
        _upcoming = (await store.FindAsync("vollsmose", "demo-upcoming", CancellationToken.None))!.Session;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_coordinator_uploads_a_pdf_and_gets_202_with_the_session_while_the_bytes_wait_under_an_id_only_name()
    {
        using var response = await PutAsync(_held.Id, "Referat med Adele og Isra.pdf", Pdf, ifMatch: $"\"{_held.Version}\"");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"\"{_held.Version}\"", response.Headers.ETag?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal(_held.Id, (string?)body["sessionId"]);
        Assert.Equal("pending", (string?)body["minutesUpload"]);
        Assert.Equal("Held", (string?)body["state"]);

        // One staged blob named by ids only, holding exactly the bytes sent, and one outbox row pointing at it.
        var blob = Assert.Single(await StagedBlobsAsync());
        Assert.Matches($"^vollsmose/{_held.Id}/[0-9A-Z]{{26}}$", blob);
        Assert.DoesNotContain("Adele", blob, StringComparison.OrdinalIgnoreCase);
        var download = await Container().GetBlobClient(blob).DownloadContentAsync();
        Assert.Equal(Pdf, download.Value.Content.ToArray());
        Assert.Equal("application/pdf", download.Value.Details.ContentType);

        var row = Assert.Single(await OutboxRowsAsync());
        Assert.Equal(SessionNotifications.UploadMinutesFileKind, row.GetString("Kind"));
        var payload = JsonNode.Parse(row.GetString("Payload")!)!;
        Assert.Equal(blob, (string?)payload["BlobName"]);
        Assert.Equal(".pdf", (string?)payload["Extension"]);
        Assert.DoesNotContain("Adele", row.GetString("Payload")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_are_problem_details_and_leave_nothing_behind()
    {
        // 400: empty file, bytes that are not what the name says, no file field.
        await AssertProblemAsync(await PutAsync(_held.Id, "referat.pdf", []), HttpStatusCode.BadRequest, "file");
        await AssertProblemAsync(await PutAsync(_held.Id, "referat.pdf", [0x4D, 0x5A, 0x90, 0x00]), HttpStatusCode.BadRequest, "file");
        using (var noFile = new MultipartFormDataContent { { new StringContent("x"), "notes" } })
        {
            await AssertProblemAsync(await _host.SendAsync(HttpMethod.Put, Path(_held.Id), CoordinatorToken, noFile), HttpStatusCode.BadRequest, "file");
        }

        // Declared multipart but not: found by the REST fuzzing (Fuzzing/), it was a 500.
        using (var notMultipart = new StringContent("{\"file\":1}", Encoding.UTF8))
        {
            notMultipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            await AssertProblemAsync(await _host.SendAsync(HttpMethod.Put, Path(_held.Id), CoordinatorToken, notMultipart), HttpStatusCode.BadRequest, "file");
        }

        // 415: a program, or not multipart at all.
        await AssertProblemAsync(await PutAsync(_held.Id, "referat.exe", [0x4D, 0x5A, 0x90, 0x00]), HttpStatusCode.UnsupportedMediaType);
        using (var json = new StringContent("{}", Encoding.UTF8, "application/json"))
        {
            await AssertProblemAsync(await _host.SendAsync(HttpMethod.Put, Path(_held.Id), CoordinatorToken, json), HttpStatusCode.UnsupportedMediaType);
        }

        // 403: a mother of the project; 404: a session that does not exist.
        await AssertProblemAsync(await PutAsync(_held.Id, "referat.pdf", Pdf, token: _host.TokenFor(DemoData.MotherAdele.ObjectId)), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await PutAsync("s-nosuchsession", "referat.pdf", Pdf), HttpStatusCode.NotFound);

        // 409: a session that has not begun takes no minutes; 412: a stale If-Match.
        await AssertProblemAsync(await PutAsync(_upcoming.Id, "referat.pdf", Pdf), HttpStatusCode.Conflict);
        await AssertProblemAsync(await PutAsync(_held.Id, "referat.pdf", Pdf, ifMatch: $"\"{_held.Version - 1}\""), HttpStatusCode.PreconditionFailed);

        // 413: one byte over 50 MiB.
        var tooLarge = new byte[MinutesFile.MaxBytes + 1];
        Pdf.CopyTo(tooLarge, 0);
        await AssertProblemAsync(await PutAsync(_held.Id, "referat.pdf", tooLarge), HttpStatusCode.RequestEntityTooLarge);

        Assert.Empty(await StagedBlobsAsync());
        Assert.Empty(await OutboxRowsAsync());
    }

    [Fact]
    public async Task Error_texts_follow_Accept_Language()
    {
        using var english = await PutAsync(_held.Id, "referat.pdf", [0x4D, 0x5A, 0x90, 0x00], language: "en");
        var problem = await english.JsonAsync();
        Assert.Contains("does not match its type", (string?)problem["errors"]!["file"]![0], StringComparison.Ordinal);

        using var danish = await PutAsync(_held.Id, "referat.pdf", [0x4D, 0x5A, 0x90, 0x00]);
        Assert.Contains("passer ikke til filtypen", (string?)(await danish.JsonAsync())["errors"]!["file"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_race_deletes_the_staged_blob_and_writes_no_outbox_row()
    {
        var service = _host.Services.GetRequiredService<SessionService>();
        var store = _host.Services.GetRequiredService<SessionStore>();
        var coordinator = Actor.From(DemoData.Coordinator);
        // While the file streams into staging, someone else records attendance: the session's ETag moves on.
        var racing = new RacingStream(Pdf, async () =>
        {
            var current = (await store.FindAsync("vollsmose", _held.Id, CancellationToken.None))!;
            await store.UpdateAsync(current, current.Session.NextDecided(), null, [], CancellationToken.None);
        });

        var (change, errors) = await service.AttachMinutesFileAsync(coordinator, _held.Id, null, "referat.pdf", "application/pdf", Pdf.Length, racing, CancellationToken.None);

        Assert.Empty(errors);
        Assert.Equal(ChangeOutcome.Conflict, change!.Outcome);
        Assert.Equal(_held.Version + 1, change.Current!.Session.Version); // the refreshed session
        Assert.True(racing.Raced);
        Assert.Empty(await StagedBlobsAsync());
        Assert.Empty(await OutboxRowsAsync());
    }

    [Fact]
    public async Task The_same_file_retried_from_the_same_version_is_applied_once()
    {
        var ifMatch = $"\"{_held.Version}\"";
        using var first = await PutAsync(_held.Id, "referat.pdf", Pdf, ifMatch);
        using var retry = await PutAsync(_held.Id, "referat.pdf", Pdf, ifMatch);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Single(await StagedBlobsAsync());
        Assert.Single(await OutboxRowsAsync());

        // Still her retry after the upload has moved the session on: answered as applied, nothing staged again.
        await MoveOnAsync();
        using var late = await PutAsync(_held.Id, "referat.pdf", Pdf, ifMatch);

        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        Assert.Equal($"\"{_held.Version + 1}\"", late.Headers.ETag?.ToString());
        Assert.Single(await StagedBlobsAsync());
        Assert.Single(await OutboxRowsAsync());
    }

    [Fact]
    public async Task A_different_file_from_a_stale_version_is_a_lost_race_with_the_current_ETag()
    {
        var ifMatch = $"\"{_held.Version}\"";
        using (var first = await PutAsync(_held.Id, "referat.pdf", Pdf, ifMatch))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        await MoveOnAsync();
        var otherBytes = Pdf.Concat(Encoding.ASCII.GetBytes("% second draft\n")).ToArray();

        // Other bytes under the same name, and the same bytes under another name: neither is her retry.
        foreach (var (name, bytes) in new[] { ("referat.pdf", otherBytes), ("referat-2.pdf", Pdf) })
        {
            using var raced = await PutAsync(_held.Id, name, bytes, ifMatch);
            Assert.Equal(HttpStatusCode.PreconditionFailed, raced.StatusCode);
            Assert.Equal("application/problem+json", raced.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"\"{_held.Version + 1}\"", raced.Headers.ETag?.ToString());
        }

        Assert.Single(await StagedBlobsAsync());
        Assert.Single(await OutboxRowsAsync());
    }

    /// <summary>Someone (here: the finished upload) changes the session: its version moves on.</summary>
    private async Task MoveOnAsync()
    {
        var store = _host.Services.GetRequiredService<SessionStore>();
        var current = (await store.FindAsync("vollsmose", _held.Id, CancellationToken.None))!;
        await store.UpdateAsync(current, current.Session.NextDecided(), null, [], CancellationToken.None);
    }

    private async Task<HttpResponseMessage> PutAsync(string sessionId, string fileName, byte[] bytes, string? ifMatch = null, string? token = null, string language = "da")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Put, Path(sessionId)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? CoordinatorToken);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _host.CreateClient().SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? errorField = null)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (errorField is not null)
            {
                var problem = await response.JsonAsync();
                Assert.NotEmpty(problem["errors"]![errorField]!.AsArray());
            }
        }
    }

    private BlobContainerClient Container() =>
        new(AzuriteFixture.ConnectionString, _host.Services.GetRequiredService<StagedFileStore>().Name);

    private async Task<List<string>> StagedBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var item in Container().GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        return names;
    }

    private async Task<List<TableEntity>> OutboxRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix("vollsmose", "outbox|")))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Serves the bytes and, once they are read, runs a concurrent change before reporting the end.</summary>
    private sealed class RacingStream(byte[] bytes, Func<Task> race) : MemoryStream(bytes)
    {
        public bool Raced { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read == 0 && !Raced)
            {
                Raced = true;
                await race();
            }

            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            if (read == 0 && !Raced)
            {
                Raced = true;
                race().GetAwaiter().GetResult();
            }

            return read;
        }
    }
}
