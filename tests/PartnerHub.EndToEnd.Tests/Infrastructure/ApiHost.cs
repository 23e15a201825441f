using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real PartnerHub.Api, in this process but on real HTTP (Kestrel on 127.0.0.1), because the Playground
/// is a separate node process that must reach /api/messages over the network.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly FileLoggerProvider _log = new(Path.Combine(RepoPaths.Artifacts, "api.log"));

    public ApiHost(int port)
    {
        Port = port;
        // Loopback only: anonymous Playground mode is refused anywhere else, by the API and by design.
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public int Port { get; }

    /// <summary>Table names of this run start with it, so runs sharing an Azurite never see each other's rows.</summary>
    public string TablePrefix { get; } = $"e2e{Guid.NewGuid():N}"[..12];

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Uri MessagesEndpoint => new(BaseAddress, "api/messages");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting lands in host configuration, which Program reads before Build(); app configuration would be too late.
        builder.UseSetting("Bot:AppId", string.Empty);
        builder.UseSetting("Bot:TenantId", string.Empty);
        builder.UseSetting("Bot:ClientSecret", string.Empty);
        // No Bot:AllowedServiceUrls entry for the Playground: the API accepts only https prefixes there (an http one
        // fails options validation) and trusts http://localhost / 127.0.0.1 itself in anonymous Development mode.
        builder.UseSetting("Storage:ConnectionString", Azurite.ConnectionString);
        builder.UseSetting("Storage:TablePrefix", TablePrefix);
        // Project "vollsmose" with its directory mapped onto the Playground's mock users (DemoData.cs), plus demo referrals.
        builder.UseSetting("Demo:Seed", "true");
        // Proactive cards and card updates leave through the outbox: poll it often, so a test waits seconds, not a 30 s sweep.
        builder.UseSetting("Outbox:SweepInterval", "00:00:01");
        builder.UseSetting("Outbox:QueuePollInterval", "00:00:00.250");
        builder.ConfigureLogging(logging => logging.AddProvider(_log));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // The logger factory doesn't dispose providers it was handed as instances.
        _log.Dispose();
    }
}
