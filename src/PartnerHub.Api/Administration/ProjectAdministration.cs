using PartnerHub.Api.Partners;
using PartnerHub.Api.People;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Administration;

/// <summary>An administrator, from a validated token carrying the <see cref="AdministrationRegistration.AdminAppRole"/> role.</summary>
public sealed record Administrator(string TenantId, string ObjectId);

public enum ProjectCreationStatus
{
    Created,

    /// <summary>The same administrator's retry of the same request: nothing written, the project as created.</summary>
    Repeated,
    Invalid,

    /// <summary>A project with this id exists (created by someone else, or by another request).</summary>
    Exists,

    /// <summary>The request key was used before for another request (or for a project that is gone).</summary>
    KeyReused,
}

public sealed record ProjectCreation(ProjectCreationStatus Status, Project? Project, IReadOnlyDictionary<string, string> Errors);

public enum AppointmentStatus
{
    Appointed,
    AlreadyCoordinator,
    Invalid,
    ProjectNotFound,

    /// <summary>She is listed in the project with another role: a coordinator changes that in the directory.</summary>
    OtherRole,

    /// <summary>Added and removed again in between by a coordinator.</summary>
    RemovedMeanwhile,

    /// <summary>Entra could not say whether she is in the organisation: nothing written, try again.</summary>
    PersonCheckUnavailable,
}

public sealed record Appointment(AppointmentStatus Status, StoredMember? Coordinator, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Creating a project and appointing its coordinators: the one code path behind the REST endpoints and the tab's
/// administration page. Validation at the edge (<see cref="ProjectInput"/>, <see cref="CoordinatorInput"/>), insert-only
/// with a receipt so a retry is applied once, audited with ids only. The caller has checked the administrator role.
/// A coordinator is checked in the organisation's directory as the directory's people are (<see cref="ChosenPerson"/>).
/// </summary>
public sealed class ProjectAdministration(
    ProjectStore projects, ProjectCreations creations, DirectoryStore directory, AuditLog audit, ChosenPerson people, OutboxWriter outbox, IOutboxNudge nudge)
{
    [AuditAction]
    public const string CreateProjectAction = "CreateProject";
    [AuditAction]
    public const string AppointCoordinatorAction = "AppointCoordinator";

    private static readonly Dictionary<string, string> NoErrors = new(StringComparer.Ordinal);

    /// <summary>The field errors of a new project, without writing anything (a form checks all its parts before the first write).</summary>
    public static IReadOnlyDictionary<string, string> ProjectErrors(AdministrationEndpoints.CreateProjectRequest body, string tenantId) =>
        ProjectInput.Validate(body, tenantId).Errors;

    /// <summary>The field errors of a coordinator to appoint, without writing anything.</summary>
    public static IReadOnlyDictionary<string, string> CoordinatorErrors(AdministrationEndpoints.AppointCoordinatorRequest body) =>
        CoordinatorInput.Validate(body).Errors;

    /// <param name="requestKey">The caller's key for this request (Idempotency-Key, or the form's): a retry sends the same.</param>
    public async Task<ProjectCreation> CreateProjectAsync(Administrator administrator, AdministrationEndpoints.CreateProjectRequest body, string requestKey, CancellationToken cancellationToken)
    {
        var (project, errors) = ProjectInput.Validate(body, administrator.TenantId);
        if (project is null)
        {
            return new(ProjectCreationStatus.Invalid, null, errors);
        }

        var fingerprint = ChangeFingerprint.Of(administrator.ObjectId, project.Id, null, "CreateProject", Fingerprint(project));
        var receiptKey = ProjectCreations.DedupePrefix + ChangeFingerprint.Of(administrator.ObjectId, project.Id, null, "CreateProjectKey", requestKey)[..32];
        if (await projects.CreateAsync(project, cancellationToken, [ProjectCreations.Receipt(project.Id, receiptKey, fingerprint)]))
        {
            await audit.RecordAsync(project.Id, administrator.ObjectId, CreateProjectAction, "project", project.Id, allowed: true, cancellationToken);
            return new(ProjectCreationStatus.Created, project, NoErrors);
        }

        // The project exists: the same administrator's retry of this very request answers as it did the first time.
        var earlier = await creations.FindAsync(project.Id, receiptKey, cancellationToken);
        if (earlier is null)
        {
            return new(ProjectCreationStatus.Exists, null, NoErrors);
        }

        return earlier == fingerprint && await projects.FindAsync(project.Id, cancellationToken) is { } stored
            ? new(ProjectCreationStatus.Repeated, stored, NoErrors)
            : new(ProjectCreationStatus.KeyReused, null, NoErrors);
    }

    public async Task<Appointment> AppointCoordinatorAsync(Administrator administrator, string projectId, AdministrationEndpoints.AppointCoordinatorRequest body, CancellationToken cancellationToken)
    {
        // A project of another tenant is not this administrator's to see.
        if (await projects.FindAsync(projectId, cancellationToken) is not { } project
            || (project.TenantId.Length > 0 && !string.Equals(project.TenantId, administrator.TenantId, StringComparison.OrdinalIgnoreCase)))
        {
            return new(AppointmentStatus.ProjectNotFound, null, NoErrors);
        }

        var (input, errors) = CoordinatorInput.Validate(body);
        if (input is null)
        {
            return new(AppointmentStatus.Invalid, null, errors);
        }

        try
        {
            if ((await people.CheckAsync(input.ObjectId, ProjectRole.Coordinator, cancellationToken)).Refusal is { } refusal)
            {
                return new(AppointmentStatus.Invalid, null, new Dictionary<string, string>(StringComparer.Ordinal) { [PersonEligibility.Field] = refusal });
            }
        }
        catch (PersonLookupUnavailableException)
        {
            return new(AppointmentStatus.PersonCheckUnavailable, null, NoErrors);
        }

        var member = new ProjectMember(input.ObjectId, project.Id, ProjectRole.Coordinator, OrganisationId: null, input.DisplayName);
        var existing = await directory.FindStoredMemberAsync(project.Id, input.ObjectId, cancellationToken);
        // The directory's own idempotency row: the same appointment retried is written once.
        var memberFingerprint = ChangeFingerprint.Of(administrator.ObjectId, DirectoryService.MemberRecord(member.ObjectId), fromVersion: null, "AppointCoordinator", member);
        // As for everyone added to a directory, PartnerHub is installed for her (Reach/), asked for with the add.
        var install = outbox.Create(project.Id, DirectoryNotifications.MemberAdded(member.ObjectId));
        var joined = outbox.Create(project.Id, DirectoryNotifications.CoordinatorJoined(member.ObjectId));
        var added = existing is null && await directory.AddMemberAsync(administrator.TenantId, member, memberFingerprint, cancellationToken, [install.Action, joined.Action]) == DirectoryWriteOutcome.Saved;
        if (added)
        {
            await nudge.NudgeAsync([install, joined], cancellationToken);
        }

        var stored = await directory.FindStoredMemberAsync(project.Id, input.ObjectId, cancellationToken);
        if (stored is null)
        {
            return new(AppointmentStatus.RemovedMeanwhile, null, NoErrors);
        }

        if (stored.Member.Role != ProjectRole.Coordinator)
        {
            return new(AppointmentStatus.OtherRole, stored, NoErrors);
        }

        if (!added)
        {
            return new(AppointmentStatus.AlreadyCoordinator, stored, NoErrors);
        }

        await audit.RecordAsync(project.Id, administrator.ObjectId, AppointCoordinatorAction, "member", input.ObjectId, allowed: true, cancellationToken);
        return new(AppointmentStatus.Appointed, stored, NoErrors);
    }

    /// <summary>What the request asked for, so a key reused for another request is told apart (the REST answer's shape).</summary>
    private static AdministrationEndpoints.AdminProjectResponse Fingerprint(Project project) =>
        new(project.Id, project.Name, project.Municipality, project.Areas, project.FixedPlace, project.Language);
}
