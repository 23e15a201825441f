using PartnerHub.Core.Course;

namespace PartnerHub.Api.Dashboard.Course;

/// <summary>The new-cohort form's fields as typed, handed to <see cref="CohortForm"/> unchanged: the service validates them.</summary>
public sealed class CohortFormModel
{
    /// <summary>Made when the form opens: pressing "Create" twice is one request, one cohort.</summary>
    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    public string? Name { get; set; }

    public string? StartDate { get; set; }

    public string? Weekday { get; set; }

    public string? StartTime { get; set; } = "17:00";

    public string? EndTime { get; set; } = "19:30";

    public string? Place { get; set; }

    public string? Weeks { get; set; } = "18";

    public CohortFormInput ToInput() => new()
    {
        Name = Name,
        StartDate = StartDate,
        Weekday = Weekday,
        StartTime = StartTime,
        EndTime = EndTime,
        Place = Place,
        Weeks = Weeks,
    };
}
