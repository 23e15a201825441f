using PartnerHub.Api.Administration;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Dashboard.Admin;

/// <summary>The administration page's form: a new project and its first coordinators, as typed.</summary>
public sealed class ProjectFormModel
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Municipality { get; set; } = string.Empty;

    /// <summary>One housing area per line.</summary>
    public string Areas { get; set; } = string.Empty;

    public string FixedPlace { get; set; } = string.Empty;

    public string Language { get; set; } = Languages.Danish;

    public List<CoordinatorRow> Coordinators { get; } = [new()];

    /// <summary>Made when the form opens and kept until it succeeds: pressing again after a failure is the same request, applied once.</summary>
    public string RequestKey { get; } = Guid.NewGuid().ToString("N");

    public AdministrationEndpoints.CreateProjectRequest ToRequest() => new(
        Id,
        Name,
        Municipality,
        [.. Areas.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)],
        FixedPlace,
        Language);

    /// <summary>The rows she filled in (a row left blank is no coordinator), with their positions for the errors.</summary>
    public IReadOnlyList<(int Index, AdministrationEndpoints.AppointCoordinatorRequest Request)> FilledCoordinators() =>
        [.. Coordinators
            .Select((row, index) => (index, row))
            .Where(pair => !string.IsNullOrWhiteSpace(pair.row.ObjectId) || !string.IsNullOrWhiteSpace(pair.row.DisplayName))
            .Select(pair => (pair.index, new AdministrationEndpoints.AppointCoordinatorRequest(pair.row.ObjectId, pair.row.DisplayName)))];

    /// <summary>The error key of a coordinator row's field: "coordinators.0.objectId".</summary>
    public static string CoordinatorField(int index, string field) => $"coordinators.{index}.{field}";
}

public sealed class CoordinatorRow
{
    public string ObjectId { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;
}
