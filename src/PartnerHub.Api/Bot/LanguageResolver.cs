using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// The language of everything PartnerHub shows a person (messages, card actions, proactive cards, error cards, the
/// tab), by Core's one rule <see cref="Languages.For"/>: her own remembered choice, otherwise her project's language.
/// The Teams client's locale is never consulted. Point reads only: her choice by tenant + object id, the project by id.
/// </summary>
public sealed class LanguageResolver(ConversationStore conversations, ProjectStore projects, ICallerDirectory directory)
{
    /// <param name="projectId">The project the card or page is about, when known; otherwise her first project's.</param>
    public async Task<string> ForPersonAsync(string? tenantId, string? objectId, string? projectId, CancellationToken cancellationToken)
    {
        if (tenantId is not { Length: > 0 } || objectId is not { Length: > 0 })
        {
            // Nobody we can look up: the project's language if named, else Danish.
            return Languages.For(null, projectId is null ? null : (await projects.FindAsync(projectId, cancellationToken))?.Language);
        }

        if (await conversations.FindLanguageAsync(tenantId, objectId, cancellationToken) is { } chosen)
        {
            return chosen;
        }

        if (projectId is null || !Core.Partners.Project.IsValidId(projectId))
        {
            var memberships = await directory.MembershipsAsync(tenantId, objectId, cancellationToken);
            projectId = memberships.Count > 0 ? memberships[0].ProjectId : null;
        }

        var project = projectId is null ? null : await projects.FindAsync(projectId, cancellationToken);
        return Languages.For(null, project?.Language);
    }

    /// <summary>The language for the person who sent an activity (the token vouched for her tenant and object id).</summary>
    public Task<string> ForActivityAsync(Activity activity, string? projectId, CancellationToken cancellationToken) =>
        ForPersonAsync(activity.TenantId, activity.From?.AadObjectId, projectId, cancellationToken);

    /// <summary>The language for a member of a project, e.g. the recipient of a proactive card (the tenant is the project's).</summary>
    public async Task<string> ForMemberAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(projectId, cancellationToken);
        var chosen = project is null ? null : await conversations.FindLanguageAsync(TenantOf(project), objectId, cancellationToken);
        return Languages.For(chosen, project?.Language);
    }

    /// <summary>Remembers the choice of a member of a project (the tab, which knows her project but not her tenant).</summary>
    public async Task RememberForMemberAsync(string projectId, string objectId, string language, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(projectId, cancellationToken)
            ?? throw new InvalidOperationException("A member's language is remembered only in an existing project.");
        await conversations.SaveLanguageAsync(TenantOf(project), objectId, language, cancellationToken);
    }

    /// <summary>Remembers her choice; every later card and page is in it. Values other than "da"/"en" are refused by the caller.</summary>
    public Task RememberAsync(string? tenantId, string objectId, string language, CancellationToken cancellationToken) =>
        conversations.SaveLanguageAsync(tenantId, objectId, language, cancellationToken);

    private static string? TenantOf(Core.Partners.Project project) => project.TenantId.Length > 0 ? project.TenantId : null;
}
