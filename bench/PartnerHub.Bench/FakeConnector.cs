using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerHub.Bench;

/// <summary>
/// A minimal Bot Connector on loopback: every POST or PUT under /v3/conversations/ answers {"id":"x"}, as the real one
/// answers a sent or updated activity. The bots reply here because the benchmark's activities carry its serviceUrl.
/// It counts what it received so a run can check that every message got its reply.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private static readonly byte[] Answer = """{"id":"x"}"""u8.ToArray();
    private readonly WebApplication _app;
    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);
    private long _calls;
    private long _bytes;

    private FakeConnector(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1/");
    public long Calls => Interlocked.Read(ref _calls);
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>TCP connections the bots have opened to the Connector so far (a bot that keeps them alive opens few).</summary>
    public int Connections
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapMethods("/v3/conversations/{**rest}", [HttpMethods.Post, HttpMethods.Put], connector.HandleAsync);
        await app.StartAsync();
        // Kestrel reports the port it bound; the address is 127.0.0.1 as asked.
        connector.ServiceUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return connector;
    }

    private async Task HandleAsync(HttpContext http)
    {
        // Read the whole activity, as a Connector would, before answering.
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            total += read;
        }

        lock (_connections)
        {
            _connections.Add(http.Connection.Id);
        }

        Interlocked.Add(ref _bytes, total);
        Interlocked.Increment(ref _calls);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = Answer.Length;
        await http.Response.Body.WriteAsync(Answer, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
