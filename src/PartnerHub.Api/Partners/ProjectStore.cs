using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>The project's own row: PartitionKey = project id, RowKey = "project", in the main table.</summary>
public sealed class ProjectStore(TableStore store, ProjectRegistry registry)
{
    public const string RowKey = "project";

    private TableClient Table => store.Table(TableNames.Main);

    public async Task<Project?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new Project(projectId, entity.GetString("Name") ?? projectId, entity.GetString("Municipality") ?? string.Empty, entity.GetString("FixedPlace") ?? string.Empty)
            {
                Areas = JsonColumn.ReadList(entity.GetString("Areas")),
                TenantId = entity.GetString("TenantId") ?? string.Empty,
                // Projects stored before the setting existed are Danish, the default.
                Language = Languages.For(null, entity.GetString("Language")),
            }
            : null;
    }

    public async Task UpsertAsync(Project project, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(project.Id))
        {
            throw new ArgumentException("Invalid project id.", nameof(project));
        }

        await Table.UpsertEntityAsync(Entity(project), TableUpdateMode.Replace, cancellationToken);
        // The outbox sweep finds a project's pending notifications through this registry.
        await registry.RegisterAsync(project.Id, cancellationToken);
    }

    /// <summary>Adds the project unless it exists; false when it does, and then nothing of it is written.</summary>
    /// <param name="extra">Rows of the same project committed with it (the creation's receipt), or none.</param>
    public async Task<bool> CreateAsync(Project project, CancellationToken cancellationToken, IEnumerable<TableTransactionAction>? extra = null)
    {
        if (!Project.IsValidId(project.Id))
        {
            throw new ArgumentException("Invalid project id.", nameof(project));
        }

        try
        {
            await Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, Entity(project)), .. extra ?? []], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }

        await registry.RegisterAsync(project.Id, cancellationToken);
        return true;
    }

    private static TableEntity Entity(Project project) => new(project.Id, RowKey)
    {
        ["Name"] = project.Name,
        ["Municipality"] = project.Municipality,
        ["FixedPlace"] = project.FixedPlace,
        ["Areas"] = JsonColumn.Write(project.Areas),
        ["TenantId"] = project.TenantId,
        ["Language"] = Languages.For(null, project.Language),
    };
}
