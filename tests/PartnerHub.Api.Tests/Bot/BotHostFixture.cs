namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// One <see cref="BotHost"/> for a whole test class (<c>IClassFixture&lt;BotHostFixture&gt;</c>). Starting a host
/// and its three stubs per test was most of such a class's time. Only for classes whose tests keep to their own
/// people and conversations (or store nothing at all): a class whose tests change the host's settings, or assert
/// on everything the host stored or sent, keeps a host per test.
/// </summary>
public sealed class BotHostFixture : IDisposable
{
    internal BotHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}
