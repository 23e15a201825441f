using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using Xunit.Abstractions;

namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// Generated bodies for every REST endpoint that reads one (the host's endpoint data source: those declaring what they
/// accept), sent by a coordinator of a real project: every answer a 4xx problem or, where the payload happens to be
/// valid, a 2xx; never a 5xx, never an error in the host's log; a refused payload writes nothing.
/// </summary>
/// <remarks>
/// One host for the class; the tables are compared per batch, as in <see cref="CardActionFuzzTests"/>: read again only
/// when the host sent a storage write since the last read (<see cref="WatchedTables"/>), row by row then.
/// </remarks>
public sealed class RestBodyFuzzTests : IClassFixture<AzuriteFixture>, IAsyncLifetime, IDisposable
{
    private const string CoordinatorId = "c0a1b2c3-0000-4000-8000-0000000000c1";

    private static readonly string[] Malformed =
    [
        "", "{", "}", "{\"a\":", "[", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "nul", "\u0000", "{\"a\":\"\\uZZZZ\"}", "{\"a\":01}",
        "{\"a\":NaN}", "{\"a\":Infinity}", "<xml/>", "a=1&b=2", "\"just a string\"", "[1,2,3]", "null", "true", "123", "1e400",
        "{\"a\":1e400}", "{\"a\":123456789012345678901234567890}", "{\"a\":-0}", "\uFEFF{}", "{\"a\":\"\\uD800\"}",
        "{\"__proto__\":{\"x\":1}}", "{\"$type\":\"System.IO.FileInfo\"}",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=latin1", "application/octet-stream", "application/problem+json",
    ];

    // No outbox dispatch: an accepted payload's notification, delivered while a later batch runs, would look like that
    // batch's write. The edge's validation is what is fuzzed; delivery has its own tests.
    private readonly RestHost _host;
    private readonly WatchedTables _tables;
    private readonly string _projectId = RestHostFixture.NewProjectId("fuzz");
    private readonly ITestOutputHelper _output;
    private string _token = null!;

    public RestBodyFuzzTests(ITestOutputHelper output)
    {
        _output = output;
        var writes = new StorageWriteRecorder();
        _host = new RestHost(services: services => services.AddSingleton(writes.Policies), settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        _tables = new WatchedTables(_host.TablePrefix, writes);
    }

    public async Task InitializeAsync()
    {
        await _host.SeedProjectAsync(_projectId);
        await _host.GrantAsync(CoordinatorId, _projectId, ProjectRole.Coordinator);
        // Also an administrator, so the administration bodies are fuzzed past their role check.
        _token = _host.TokenFor(CoordinatorId, roles: [AdministrationRegistration.AdminAppRole]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Every_rest_body_shape_answers_generated_payloads_with_a_problem_and_refusals_write_nothing()
    {
        var shapes = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null })
            .Select(endpoint => new Shape(
                endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0],
                endpoint.RoutePattern.RawText!,
                Fields(endpoint.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType!)))
            .OrderBy(shape => shape.Route, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(shapes);
        var total = 0;
        foreach (var shape in shapes)
        {
            var tally = new Dictionary<string, int>();
            var clock = Stopwatch.StartNew();
            await Bodies(shape.Fields).Array[FuzzSettings.BatchSize].SampleAsync(
                batch => RunBatchAsync(shape, batch, tally),
                iter: FuzzSettings.Batches,
                threads: 1,
                seed: FuzzSettings.Seed,
                print: batch => $"a batch of {batch.Length}, the first: {batch[0]}");
            var sent = tally.Where(t => t.Key.Length == 3).Sum(t => t.Value);
            total += sent;
            _output.WriteLine($"{shape.Method} {shape.Route} ({shape.Fields.Count} fields): {sent} payloads: "
                + string.Join(", ", tally.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Value} {t.Key}")) + $" in {clock.Elapsed.TotalSeconds:F1} s");
        }

        _output.WriteLine($"REST: {shapes.Count} body shapes, {total} payloads, {_tables.Reads} full table reads");
        Assert.True(total >= shapes.Count * FuzzSettings.Samples);
    }

    /// <summary>The body type's JSON names (camelCase, as the host's serializer reads them).</summary>
    private static List<string> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToList();

    private static Gen<RestPayload> Bodies(IReadOnlyList<string> fields) =>
        Gen.Select(
            Gen.Frequency(
                (10, HostileJson.ObjectsShaped(fields).Select(HostileJson.Serialize)),
                (2, HostileJson.Values.Select(HostileJson.Serialize)),
                (2, Gen.OneOf(Malformed)),
                (1, HostileJson.ObjectsShaped(fields).Select(DuplicateKeys))),
            Gen.Frequency((10, Gen.Const("application/json")), (1, Gen.OneOf(ContentTypes))),
            Gen.Frequency((3, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("*", "\"default\"", "W/\"x\"", "garbage", "\"' or 1 eq 1\""))),
            Gen.Frequency((3, Gen.Const((string?)null)), (1, HostileJson.Strings.Where(s => s.Length < 200 && !s.Contains('~', StringComparison.Ordinal) && s.All(c => c >= ' ' && c < 127)).Select(s => (string?)s))),
            (body, type, ifMatch, key) => new RestPayload(body, type, ifMatch, key));

    /// <summary>The object's text with its first field written twice (System.Text.Json objects cannot hold that).</summary>
    private static string DuplicateKeys(JsonObject body)
    {
        var text = HostileJson.Serialize(body);
        return body.Count == 0 ? "{\"a\":1,\"a\":2}" : "{" + text[1..^1] + "," + text[1..^1] + "}";
    }

    private async Task RunBatchAsync(Shape shape, RestPayload[] batch, Dictionary<string, int> tally)
    {
        var before = await _tables.NowAsync();
        var logMark = _host.Logs.Lines.Count;
        var statuses = new List<int>(batch.Length);
        foreach (var payload in batch)
        {
            var status = await SendAsync(shape, payload);
            statuses.Add(status);
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tally[key] = tally.GetValueOrDefault(key) + 1;
        }

        var errors = _host.Logs.Lines.Skip(logMark)
            .Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, $"The host logged errors for {shape.Method} {shape.Route}:\n" + string.Join("\n", errors.Take(3)));
        var after = await _tables.NowAsync();
        var changes = after.ChangesSince(before).Where(change => !after.IsDeniedAudit(change)).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        // Something wrote: only a 2xx may have. The refused ones again as a group, then one by one to name the writer.
        var refused = batch.Where((_, i) => statuses[i] >= 400).ToList();
        Assert.True(refused.Count < batch.Length, $"Refused payloads to {shape.Method} {shape.Route} wrote: " + string.Join(", ", changes));
        tally["batches with a 2xx that wrote"] = tally.GetValueOrDefault("batches with a 2xx that wrote") + 1;
        if ((await WritesAsync(shape, refused)).Count == 0)
        {
            return;
        }

        foreach (var payload in refused)
        {
            var wrote = await WritesAsync(shape, [payload]);
            Assert.True(wrote.Count == 0, $"A refused payload to {shape.Method} {shape.Route} wrote ({string.Join(", ", wrote)}): {payload}");
        }
    }

    private async Task<List<string>> WritesAsync(Shape shape, IReadOnlyList<RestPayload> payloads)
    {
        var before = await _tables.NowAsync();
        foreach (var payload in payloads)
        {
            await SendAsync(shape, payload);
        }

        var after = await _tables.NowAsync();
        return after.ChangesSince(before).Where(change => !after.IsDeniedAudit(change)).ToList();
    }

    private async Task<int> SendAsync(Shape shape, RestPayload payload)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload.Body.Replace(HostileJson.LoneHigh, "\\uD800", StringComparison.Ordinal)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
        using var request = new HttpRequestMessage(new HttpMethod(shape.Method), shape.Path(_projectId)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (payload.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", payload.IfMatch);
        }

        if (payload.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", payload.IdempotencyKey);
        }

        using var response = await _host.CreateClient().SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{shape.Method} {shape.Route} {payload}\nanswer: {status} {(body.Length > 300 ? body[..300] : body)}";
        Assert.True(status < 500, "5xx for " + what);
        if (status >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", "a 4xx that is not a problem: " + what);
        }

        return status;
    }

    private sealed record Shape(string Method, string Route, IReadOnlyList<string> Fields)
    {
        /// <summary>The route with the seeded project and plausible ids: the body, not the path, is what is fuzzed here.</summary>
        public string Path(string projectId) => System.Text.RegularExpressions.Regex.Replace(
            Route.Replace("{projectId}", projectId, StringComparison.Ordinal),
            "\\{(\\w+)[^}]*\\}",
            match => match.Groups[1].Value == "action" ? "accept" : match.Groups[1].Value == "objectId" ? CoordinatorId : "x1");
    }

    private sealed record RestPayload(string Body, string ContentType, string? IfMatch, string? IdempotencyKey)
    {
        public override string ToString() =>
            $"({ContentType}{(IfMatch is null ? string.Empty : ", If-Match " + IfMatch)}{(IdempotencyKey is null ? string.Empty : ", key " + IdempotencyKey)}) {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }
}
