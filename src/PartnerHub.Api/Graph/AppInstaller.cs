namespace PartnerHub.Api.Graph;

/// <summary>What asking Teams to install PartnerHub for a person came to. Any other answer is an exception, retried by the outbox.</summary>
public enum AppInstallOutcome
{
    /// <summary>Installed now: Teams sends the bot her installationUpdate, and her personal chat is known from then on.</summary>
    Installed,

    /// <summary>It was installed already (409): as good as installed.</summary>
    AlreadyInstalled,

    /// <summary>Refused (403): an app permission or setup policy in the tenant does not allow PartnerHub for her.</summary>
    BlockedByPolicy,

    /// <summary>Not found (404): no such account, or one without Teams (no licence, a guest without Teams).</summary>
    NoTeams,
}

/// <summary>Installs PartnerHub in a person's personal scope in Teams, so the bot can write to her.</summary>
public interface IAppInstaller
{
    Task<AppInstallOutcome> InstallForAsync(string objectId, CancellationToken cancellationToken);
}

/// <summary>
/// Without Graph (the Playground, the demo) nothing can be installed from outside: she has PartnerHub when she first
/// writes to it, and the cards meant for her wait until then.
/// </summary>
public sealed class LocalAppInstaller : IAppInstaller
{
    public Task<AppInstallOutcome> InstallForAsync(string objectId, CancellationToken cancellationToken) =>
        Task.FromResult(AppInstallOutcome.Installed);
}
