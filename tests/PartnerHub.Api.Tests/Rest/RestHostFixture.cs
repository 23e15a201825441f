using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>
/// One <see cref="RestHost"/> (Production, real Entra validation) for a whole test class
/// (<c>IClassFixture&lt;RestHostFixture&gt;</c>). Starting a host per test was most of such a class's time. Only for
/// classes whose tests each work in a project of their own (<see cref="NewProjectId"/>): a class whose tests change
/// the host's settings or keys, or read everything the host stored, keeps a host per test.
/// </summary>
public class RestHostFixture : IDisposable
{
    public RestHostFixture()
        : this(new RestHost())
    {
    }

    private protected RestHostFixture(RestHost host) => Host = host;

    internal RestHost Host { get; }

    /// <summary>A project id no other test on the shared host uses (a valid id: lower case, starts with a letter).</summary>
    public static string NewProjectId(string prefix) => prefix + "-" + UniqueIds.Next(10);

    public void Dispose()
    {
        Host.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The shared host with the outbox dispatcher off, so a test can count the notifications a write commits.</summary>
public sealed class RestHostWithoutOutboxFixture : RestHostFixture
{
    public RestHostWithoutOutboxFixture()
        : base(new RestHost(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" }))
    {
    }
}
