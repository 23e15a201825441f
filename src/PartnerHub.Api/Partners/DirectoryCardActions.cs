using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The coordinator's partner directory on cards: organisations and people with their roles. The directory is where
/// every role in PartnerHub comes from, so only the project's coordinators may see or change it; every attempt,
/// allowed or not, is audited (ids and action names only). Invalid forms come back with errors beside the fields.
/// </summary>
public sealed partial class DirectoryCardActions(
    DirectoryStore directory,
    DirectoryService service,
    ProjectStore projects,
    ActorResolver actors,
    HelpCards help,
    CardCatalog cards,
    AuditLog audit,
    ILogger<DirectoryCardActions> logger) : ICardActionHandler
{
    public const string Show = "directory.show";
    public const string EditOrganisation = "directory.organisation.edit";
    public const string SaveOrganisation = "directory.organisation.save";
    public const string EditMember = "directory.member.edit";
    public const string SaveMember = "directory.member.save";
    public const string RemoveMember = "directory.member.remove";

    /// <summary>The audit's record type for everything in the directory.</summary>
    public const string RecordType = DirectoryService.RecordType;

    [AuditAction]
    private const string ViewAction = "View";

    /// <summary>The directory's "changed by someone else" notice, as referrals and sessions have theirs.</summary>
    private const string ChangedMeanwhile = "directory.notices.changedMeanwhile";

    private readonly DirectoryViews _views = new(cards);

    public IReadOnlyCollection<string> Verbs { get; } = [Show, EditOrganisation, SaveOrganisation, EditMember, SaveMember, RemoveMember];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var projectId = context.DataString("projectId");
        var actor = await actors.ResolveAsync(context.Activity, projectId, ProjectRole.Coordinator, cancellationToken);
        var (action, recordId) = Describe(context);
        var (project, refusal) = await AuthoriseAsync(context.Activity, actor, projectId, action, recordId, cancellationToken);
        if (project is null || actor is null)
        {
            return InvokeResponse.Card(help.Error(context.Language, Text(context, refusal)));
        }

        return context.Verb switch
        {
            Show => await ShowAsync(actor, project, context, cancellationToken),
            EditOrganisation => await EditOrganisationAsync(actor, project, context, cancellationToken),
            SaveOrganisation => await SaveOrganisationAsync(actor, project, context, cancellationToken),
            EditMember => await EditMemberAsync(actor, project, context, cancellationToken),
            SaveMember => await SaveMemberAsync(actor, project, context, cancellationToken),
            _ => await RemoveMemberAsync(actor, project, context, cancellationToken),
        };
    }

    /// <summary>The overview for the "partnere" / "partners" command, or an error card for anyone but a coordinator.</summary>
    public async Task<JsonObject> CardForCommandAsync(Activity activity, string language, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(activity, projectId: null, ProjectRole.Coordinator, cancellationToken);
        var (project, refusal) = await AuthoriseAsync(activity, actor, actor?.ProjectId, ViewAction, "-", cancellationToken);
        if (project is null || actor is null)
        {
            return help.Error(language, help.Text(language, refusal));
        }

        await audit.RecordAsync(project.Id, actor.ObjectId, ViewAction, RecordType, "-", allowed: true, cancellationToken);
        return await OverviewCardAsync(project, language, null, cancellationToken);
    }

    /// <summary>
    /// The project the actor may manage, or null and the strings path of the reason. Refusals are audited under the
    /// project the caller belongs to or named (when it exists), so coordinators can see who tried; a caller in no
    /// project at all, naming none, leaves only a log line. Allowed actions are audited where they happen.
    /// </summary>
    private async Task<(Project? Project, string Refusal)> AuthoriseAsync(Activity activity, Actor? actor, string? projectId, string action, string recordId, CancellationToken cancellationToken)
    {
        var refusal = "directory.notices.forbidden";
        if (actor is not null && DirectoryAccess.Allows(actor, actor.ProjectId)
            && await projects.FindAsync(actor.ProjectId, cancellationToken) is { } project)
        {
            // The people table is per tenant: a grant made from another tenant would land where no one is resolved.
            if (project.TenantId.Length == 0 || string.Equals(project.TenantId, activity.TenantId, StringComparison.Ordinal))
            {
                return (project, refusal);
            }

            refusal = "directory.notices.tenantMismatch";
        }

        var auditProject = actor?.ProjectId ?? (Project.IsValidId(projectId) && await projects.FindAsync(projectId!, cancellationToken) is not null ? projectId : null);
        if (auditProject is not null && activity.From?.AadObjectId is { Length: > 0 } objectId)
        {
            await audit.RecordAsync(auditProject, objectId, action, RecordType, recordId, allowed: false, cancellationToken);
        }
        else
        {
            LogRefusedOutsideProject(logger, action);
        }

        return (null, refusal);
    }

    private async Task<InvokeResponse> ShowAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(project.Id, actor.ObjectId, ViewAction, RecordType, "-", allowed: true, cancellationToken);
        return await OverviewAsync(project, context.Language, null, cancellationToken);
    }

    private async Task<InvokeResponse> OverviewAsync(Project project, string language, string? notice, CancellationToken cancellationToken) =>
        InvokeResponse.Card(await OverviewCardAsync(project, language, notice, cancellationToken));

    private async Task<JsonObject> OverviewCardAsync(Project project, string language, string? notice, CancellationToken cancellationToken)
    {
        var organisations = await directory.OrganisationsAsync(project.Id, cancellationToken);
        var members = await directory.MembersAsync(project.Id, null, cancellationToken);
        return _views.Overview(project, organisations, members, language, notice);
    }

    private async Task<InvokeResponse> EditOrganisationAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        var organisationId = context.DataString("organisationId");
        if (string.IsNullOrEmpty(organisationId))
        {
            return InvokeResponse.Card(_views.OrganisationForm(project.Id, isNew: true, new OrganisationInput(null, null, null, "false"), null, context.Language));
        }

        if (await directory.FindStoredOrganisationAsync(project.Id, organisationId, cancellationToken) is not { } stored)
        {
            return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }

        await audit.RecordAsync(project.Id, actor.ObjectId, DirectoryAuditActions.ViewOrganisation, RecordType, OrganisationRecord(stored.Organisation.Id), allowed: true, cancellationToken);
        return InvokeResponse.Card(_views.OrganisationForm(project.Id, isNew: false, ValuesOf(stored.Organisation), null, context.Language, etag: stored.ETag.ToString()));
    }

    private async Task<InvokeResponse> SaveOrganisationAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        // An edit names the organisation in the action's data (the id is read-only then) with the version it showed; a new one types the id.
        var editedId = context.DataString("editedId");
        var isNew = string.IsNullOrEmpty(editedId);
        var input = new OrganisationInput(
            isNew ? context.DataString("organisationId") : editedId,
            context.DataString("name"),
            context.DataString("kind"),
            context.DataString("receivesOnwardReferrals"));
        var change = await service.SaveOrganisationAsync(actor, input, isNew ? null : Version(context), cancellationToken);
        switch (change.Outcome)
        {
            case DirectoryOutcome.Invalid or DirectoryOutcome.Exists:
                LogInvalidForm(logger, context.Verb, change.Errors.Count);
                return InvokeResponse.Card(_views.OrganisationForm(project.Id, isNew, input, change.Errors, context.Language, etag: isNew ? null : Version(context)));
            case DirectoryOutcome.LostRace when change.Current is { } current:
                LogConflict(logger, context.Verb, project.Id);
                return InvokeResponse.Card(_views.OrganisationForm(project.Id, isNew: false, ValuesOf(current.Organisation), null, context.Language, Text(context, ChangedMeanwhile), current.ETag.ToString()));
            case DirectoryOutcome.Forbidden:
                return InvokeResponse.Card(help.Error(context.Language, Text(context, "directory.notices.forbidden")));
            case var _ when change.Succeeded:
                return await ChangedAsync(project, context, "directory.organisation.saved", cancellationToken);
            default:
                // The card named an organisation that is not listed.
                return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }
    }

    private async Task<InvokeResponse> EditMemberAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        var organisations = await directory.OrganisationsAsync(project.Id, cancellationToken);
        var objectId = context.DataString("objectId");
        if (string.IsNullOrEmpty(objectId))
        {
            return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: true, new MemberInput(null, null, null, null), organisations, null, context.Language));
        }

        if (await directory.FindStoredMemberAsync(project.Id, objectId, cancellationToken) is not { } stored)
        {
            return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }

        await audit.RecordAsync(project.Id, actor.ObjectId, DirectoryAuditActions.ViewMember, RecordType, MemberRecord(stored.Member.ObjectId), allowed: true, cancellationToken);
        return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: false, ValuesOf(stored.Member), organisations, null, context.Language, etag: stored.ETag.ToString()));
    }

    private async Task<InvokeResponse> SaveMemberAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        // An edit names the person in the action's data (her id is read-only then) with the version it showed; a new one types the id.
        var editedId = context.DataString("editedId");
        var isNew = string.IsNullOrEmpty(editedId);
        var input = new MemberInput(
            isNew ? context.DataString("objectId") : editedId,
            context.DataString("role"),
            context.DataString("organisationId"),
            context.DataString("firstName"));
        var change = await service.SaveMemberAsync(actor, context.TenantId!, input, isNew ? null : Version(context), cancellationToken);
        // Unavailable too: the same form, the person still chosen, with the notice to try again.
        if (change.Outcome is DirectoryOutcome.Invalid or DirectoryOutcome.Exists or DirectoryOutcome.Unavailable)
        {
            LogInvalidForm(logger, context.Verb, change.Errors.Count);
            var organisations = await directory.OrganisationsAsync(project.Id, cancellationToken);
            var shown = input with { ObjectId = DirectoryForms.NormaliseObjectId(input.ObjectId) ?? input.ObjectId };
            return InvokeResponse.Card(_views.MemberForm(project.Id, isNew, shown, organisations, change.Errors, context.Language, etag: isNew ? null : Version(context)));
        }

        return change.Succeeded
            ? await ChangedAsync(project, context, "directory.member.saved", cancellationToken)
            : await RefusedAsync(project, context, change, cancellationToken);
    }

    private async Task<InvokeResponse> RemoveMemberAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        var change = await service.RemoveMemberAsync(actor, context.TenantId!, context.DataString("objectId"), Version(context), cancellationToken);
        return change.Succeeded
            ? await ChangedAsync(project, context, "directory.member.removed", cancellationToken)
            : await RefusedAsync(project, context, change, cancellationToken);
    }

    private async Task<InvokeResponse> ChangedAsync(Project project, CardActionContext context, string notice, CancellationToken cancellationToken)
    {
        LogChanged(logger, context.Verb, project.Id);
        return await OverviewAsync(project, context.Language, Text(context, notice), cancellationToken);
    }

    /// <summary>
    /// A save or remove the service refused: her own role or the last coordinator (the person's form with the reason),
    /// someone else's change won (the current version with a notice), or she is gone (the overview). Never a silent overwrite.
    /// </summary>
    private async Task<InvokeResponse> RefusedAsync(Project project, CardActionContext context, DirectoryChange<StoredMember> change, CancellationToken cancellationToken)
    {
        if (change.Outcome == DirectoryOutcome.Forbidden)
        {
            return InvokeResponse.Card(help.Error(context.Language, Text(context, "directory.notices.forbidden")));
        }

        if (change.Current is not { } current || change.Outcome == DirectoryOutcome.NotFound)
        {
            return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }

        var organisations = await directory.OrganisationsAsync(project.Id, cancellationToken);
        if (change.Outcome != DirectoryOutcome.LostRace)
        {
            return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: false, ValuesOf(current.Member), organisations, change.Errors, context.Language, etag: current.ETag.ToString()));
        }

        LogConflict(logger, context.Verb, project.Id);
        return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: false, ValuesOf(current.Member), organisations, null, context.Language, Text(context, ChangedMeanwhile), current.ETag.ToString()));
    }

    /// <summary>The version the form was rendered with; a card from before versions were sent matches nothing and gets the current version.</summary>
    private static string Version(CardActionContext context) =>
        context.DataString("etag") is { Length: > 0 } etag ? etag : DirectoryService.NoVersion;

    /// <summary>The audit's action name and record id for a refused card action: ids from the card only when they are well-formed.</summary>
    private static (string Action, string RecordId) Describe(CardActionContext context) => context.Verb switch
    {
        Show => (ViewAction, "-"),
        EditOrganisation => (DirectoryAuditActions.ViewOrganisation, OrganisationRecord(context.DataString("organisationId"))),
        SaveOrganisation => (DirectoryAuditActions.SaveOrganisation, OrganisationRecord(context.DataString("editedId") is { Length: > 0 } edited ? edited : context.DataString("organisationId"))),
        EditMember => (DirectoryAuditActions.ViewMember, CardMemberRecord(context.DataString("objectId"))),
        SaveMember => (DirectoryAuditActions.SaveMember, CardMemberRecord(context.DataString("editedId") is { Length: > 0 } edited ? edited : context.DataString("objectId"))),
        _ => (DirectoryAuditActions.RemoveMember, CardMemberRecord(context.DataString("objectId"))),
    };

    private static string OrganisationRecord(string? id) => DirectoryForms.IsValidOrganisationId(id) ? DirectoryService.OrganisationRecord(id!) : "-";

    /// <summary>A person's id as stored in the directory (read back from it, so it is one of ours).</summary>
    private static string MemberRecord(string objectId) => DirectoryService.MemberRecord(objectId);

    /// <summary>From card data only a GUID is written: a form's free text (a name, an e-mail) never reaches the audit.</summary>
    private static string CardMemberRecord(string? objectId) =>
        DirectoryForms.NormaliseObjectId(objectId) is { } id ? MemberRecord(id) : "-";

    private static OrganisationInput ValuesOf(Organisation organisation) =>
        new(organisation.Id, organisation.Name, organisation.Kind.ToString(), organisation.ReceivesOnwardReferrals ? "true" : "false");

    private static MemberInput ValuesOf(ProjectMember member) =>
        new(member.ObjectId, member.Role.ToString(), member.OrganisationId, member.FirstName);

    private string Text(CardActionContext context, string path) => help.Text(context.Language, path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory form {Verb} answered with {ErrorCount} field errors")]
    private static partial void LogInvalidForm(ILogger logger, string verb, int errorCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory {Verb} in project {ProjectId} lost a race; the current version was shown")]
    private static partial void LogConflict(ILogger logger, string verb, string projectId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory changed by {Verb} in project {ProjectId}")]
    private static partial void LogChanged(ILogger logger, string verb, string projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory action {Action} refused for a caller in no project")]
    private static partial void LogRefusedOutsideProject(ILogger logger, string action);
}
