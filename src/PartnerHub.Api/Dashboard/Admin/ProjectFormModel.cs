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

    /// <summary>
    /// The people she chose (a row left empty is no coordinator), with their positions for the errors: each by object id,
    /// with her first name as the directory keeps it (the minimum colleagues need on cards).
    /// </summary>
    public IReadOnlyList<(int Index, AdministrationEndpoints.AppointCoordinatorRequest Request)> FilledCoordinators() =>
        [.. Coordinators
            .Select((row, index) => (index, row.Person))
            .Where(pair => pair.Person is not null)
            .Select(pair => (pair.index, new AdministrationEndpoints.AppointCoordinatorRequest(pair.Person!.ObjectId, pair.Person.FirstName)))];

    /// <summary>The field of a coordinator row: the person picker.</summary>
    public const string PersonField = "person";

    /// <summary>The error key of a coordinator row's field: "coordinators.0.person".</summary>
    public static string CoordinatorField(int index, string field) => $"coordinators.{index}.{field}";
}

public sealed class CoordinatorRow
{
    /// <summary>The person chosen in the picker; null until she is chosen.</summary>
    public PartnerHub.Api.People.PersonMatch? Person { get; set; }
}
