using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
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
    ProjectStore projects,
    ActorResolver actors,
    HelpCards help,
    CardCatalog cards,
    AuditLog audit,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    ILogger<DirectoryCardActions> logger) : ICardActionHandler
{
    public const string Show = "directory.show";
    public const string EditOrganisation = "directory.organisation.edit";
    public const string SaveOrganisation = "directory.organisation.save";
    public const string EditMember = "directory.member.edit";
    public const string SaveMember = "directory.member.save";
    public const string RemoveMember = "directory.member.remove";

    /// <summary>The audit's record type for everything in the directory.</summary>
    public const string RecordType = "directory";

    private const string ViewAction = "View";

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

        var organisation = DirectoryForms.IsValidOrganisationId(organisationId)
            ? await directory.FindOrganisationAsync(project.Id, organisationId, cancellationToken)
            : null;
        if (organisation is null)
        {
            return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }

        await audit.RecordAsync(project.Id, actor.ObjectId, "ViewOrganisation", RecordType, OrganisationRecord(organisation.Id), allowed: true, cancellationToken);
        var values = new OrganisationInput(organisation.Id, organisation.Name, organisation.Kind.ToString(), organisation.ReceivesOnwardReferrals ? "true" : "false");
        return InvokeResponse.Card(_views.OrganisationForm(project.Id, isNew: false, values, null, context.Language));
    }

    private async Task<InvokeResponse> SaveOrganisationAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        // An edit names the organisation in the action's data (the id is read-only then); a new one types it.
        var editedId = context.DataString("editedId");
        var isNew = string.IsNullOrEmpty(editedId);
        var input = new OrganisationInput(
            isNew ? context.DataString("organisationId") : editedId,
            context.DataString("name"),
            context.DataString("kind"),
            context.DataString("receivesOnwardReferrals"));
        var errors = DirectoryForms.Validate(input, out var organisation, project.Id);
        if (organisation is not null)
        {
            var existing = await directory.FindOrganisationAsync(project.Id, organisation.Id, cancellationToken);
            if (isNew && existing is not null)
            {
                errors["id"] = "directory.errors.idTaken";
            }
            else if (!isNew && existing is null)
            {
                return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
            }
        }

        if (organisation is null || errors.Count > 0)
        {
            LogInvalidForm(logger, context.Verb, errors.Count);
            return InvokeResponse.Card(_views.OrganisationForm(project.Id, isNew, input, errors, context.Language));
        }

        await directory.UpsertOrganisationAsync(organisation, cancellationToken);
        await audit.RecordAsync(project.Id, actor.ObjectId, isNew ? "AddOrganisation" : "SaveOrganisation", RecordType, OrganisationRecord(organisation.Id), allowed: true, cancellationToken);
        LogChanged(logger, context.Verb, project.Id);
        return await OverviewAsync(project, context.Language, Text(context, "directory.organisation.saved"), cancellationToken);
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

        await audit.RecordAsync(project.Id, actor.ObjectId, "ViewMember", RecordType, MemberRecord(stored.Member.ObjectId), allowed: true, cancellationToken);
        return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: false, ValuesOf(stored.Member), organisations, null, context.Language, etag: stored.ETag.ToString()));
    }

    private async Task<InvokeResponse> SaveMemberAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        var editedId = context.DataString("editedId");
        var isNew = string.IsNullOrEmpty(editedId);
        var input = new MemberInput(
            isNew ? context.DataString("objectId") : editedId,
            context.DataString("role"),
            context.DataString("organisationId"),
            context.DataString("firstName"));
        var organisations = await directory.OrganisationsAsync(project.Id, cancellationToken);

        StoredMember? existing;
        string? objectId;
        if (isNew)
        {
            // A new person must be a real Entra object id; Teams resolves callers by exactly that.
            objectId = DirectoryForms.NormaliseObjectId(input.ObjectId);
            existing = objectId is null ? null : await directory.FindStoredMemberAsync(project.Id, objectId, cancellationToken);
        }
        else
        {
            // An edit may only name someone already listed; her id is taken as stored, not re-typed.
            existing = await directory.FindStoredMemberAsync(project.Id, editedId!, cancellationToken);
            if (existing is null)
            {
                return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
            }

            objectId = existing.Member.ObjectId;
        }

        var errors = DirectoryForms.Validate(input, objectId, organisations, project.Id, out var member);
        if (isNew && existing is not null)
        {
            errors["objectId"] = "directory.errors.alreadyMember";
        }

        if (member is not null && !isNew && DirectoryAccess.LeavesNoCoordinator(
                await directory.MembersAsync(project.Id, ProjectRole.Coordinator, cancellationToken), member.ObjectId, member.Role))
        {
            errors["role"] = "directory.errors.lastCoordinator";
            await audit.RecordAsync(project.Id, actor.ObjectId, "SaveMember", RecordType, MemberRecord(member.ObjectId), allowed: false, cancellationToken);
        }

        if (member is null || errors.Count > 0)
        {
            LogInvalidForm(logger, context.Verb, errors.Count);
            return InvokeResponse.Card(_views.MemberForm(project.Id, isNew, input with { ObjectId = objectId ?? input.ObjectId }, organisations, errors, context.Language, etag: existing?.ETag.ToString()));
        }

        var outcome = isNew
            ? await directory.AddMemberAsync(context.TenantId!, member, cancellationToken)
            : await directory.ChangeMemberAsync(context.TenantId!, actor.ObjectId, member, ExpectedETag(context), cancellationToken);
        if (outcome is not (MemberWriteOutcome.Saved or MemberWriteOutcome.AlreadyApplied))
        {
            return await RefusedAsync(actor, project, context, member.ObjectId, "SaveMember", outcome, organisations, cancellationToken);
        }

        if (outcome == MemberWriteOutcome.Saved)
        {
            await audit.RecordAsync(project.Id, actor.ObjectId, isNew ? "AddMember" : "SaveMember", RecordType, MemberRecord(member.ObjectId), allowed: true, cancellationToken);
            LogChanged(logger, context.Verb, project.Id);
        }

        if (member.ObjectId == actor.ObjectId && member.Role != ProjectRole.Coordinator)
        {
            // She has just given up the role this card needs: show no more of the directory.
            return InvokeResponse.Message(Text(context, "directory.notices.selfDemoted"));
        }

        return await OverviewAsync(project, context.Language, Text(context, "directory.member.saved"), cancellationToken);
    }

    private async Task<InvokeResponse> RemoveMemberAsync(Actor actor, Project project, CardActionContext context, CancellationToken cancellationToken)
    {
        var objectId = context.DataString("objectId");
        var stored = string.IsNullOrEmpty(objectId) ? null : await directory.FindStoredMemberAsync(project.Id, objectId, cancellationToken);
        if (stored is null)
        {
            return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }

        var member = stored.Member;
        var removed = outbox.Create(project.Id, DirectoryNotifications.MemberRemoved(member.ObjectId, member.Role, actor.ObjectId));
        var outcome = await directory.RemoveMemberAsync(context.TenantId!, project.Id, member.ObjectId, ExpectedETag(context), cancellationToken, [removed.Action]);
        if (outcome != MemberWriteOutcome.Saved)
        {
            return await RefusedAsync(actor, project, context, member.ObjectId, "RemoveMember", outcome, await directory.OrganisationsAsync(project.Id, cancellationToken), cancellationToken);
        }

        await nudge.NudgeAsync([removed], cancellationToken);

        await audit.RecordAsync(project.Id, actor.ObjectId, "RemoveMember", RecordType, MemberRecord(member.ObjectId), allowed: true, cancellationToken);
        LogChanged(logger, context.Verb, project.Id);
        if (member.ObjectId == actor.ObjectId)
        {
            return InvokeResponse.Message(Text(context, "directory.notices.selfRemoved"));
        }

        return await OverviewAsync(project, context.Language, Text(context, "directory.member.removed"), cancellationToken);
    }

    /// <summary>
    /// A save or remove that did not happen: the last coordinator stays (form with the error), someone else's change
    /// wins (the current version with a notice), or she is gone (the overview). Never a silent overwrite.
    /// </summary>
    private async Task<InvokeResponse> RefusedAsync(
        Actor actor, Project project, CardActionContext context, string objectId, string action, MemberWriteOutcome outcome, IReadOnlyList<Organisation> organisations, CancellationToken cancellationToken)
    {
        var current = await directory.FindStoredMemberAsync(project.Id, objectId, cancellationToken);
        if (current is null || outcome == MemberWriteOutcome.NotFound)
        {
            return await OverviewAsync(project, context.Language, Text(context, "directory.notices.notFound"), cancellationToken);
        }

        if (outcome == MemberWriteOutcome.LastCoordinator)
        {
            await audit.RecordAsync(project.Id, actor.ObjectId, action, RecordType, MemberRecord(objectId), allowed: false, cancellationToken);
            var field = action == "RemoveMember" ? "form" : "role";
            var errors = new Dictionary<string, string>(StringComparer.Ordinal) { [field] = "directory.errors.lastCoordinator" };
            return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: false, ValuesOf(current.Member), organisations, errors, context.Language, etag: current.ETag.ToString()));
        }

        LogConflict(logger, context.Verb, project.Id);
        var notice = Text(context, outcome == MemberWriteOutcome.AlreadyMember ? "directory.errors.alreadyMember" : "directory.notices.changedMeanwhile");
        return InvokeResponse.Card(_views.MemberForm(project.Id, isNew: false, ValuesOf(current.Member), organisations, null, context.Language, notice, current.ETag.ToString()));
    }

    /// <summary>The ETag the form was rendered with; a card from before ETags were sent matches nothing and gets the current version.</summary>
    private static Azure.ETag ExpectedETag(CardActionContext context) =>
        context.DataString("etag") is { Length: > 0 } etag ? new Azure.ETag(etag) : new Azure.ETag("-");

    /// <summary>The audit's action name and record id for a refused card action: ids from the card only when they are well-formed.</summary>
    private static (string Action, string RecordId) Describe(CardActionContext context) => context.Verb switch
    {
        Show => (ViewAction, "-"),
        EditOrganisation => ("ViewOrganisation", OrganisationRecord(context.DataString("organisationId"))),
        SaveOrganisation => ("SaveOrganisation", OrganisationRecord(context.DataString("editedId") is { Length: > 0 } edited ? edited : context.DataString("organisationId"))),
        EditMember => ("ViewMember", CardMemberRecord(context.DataString("objectId"))),
        SaveMember => ("SaveMember", CardMemberRecord(context.DataString("editedId") is { Length: > 0 } edited ? edited : context.DataString("objectId"))),
        _ => ("RemoveMember", CardMemberRecord(context.DataString("objectId"))),
    };

    private static string OrganisationRecord(string? id) => DirectoryForms.IsValidOrganisationId(id) ? "org|" + id : "-";

    /// <summary>A person's id as stored in the directory (read back from it, so it is one of ours).</summary>
    private static string MemberRecord(string objectId) => "member|" + objectId;

    /// <summary>From card data only a GUID is written: a form's free text (a name, an e-mail) never reaches the audit.</summary>
    private static string CardMemberRecord(string? objectId) =>
        DirectoryForms.NormaliseObjectId(objectId) is { } id ? MemberRecord(id) : "-";

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
