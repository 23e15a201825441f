using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Dashboard.Sessions;

/// <summary>
/// The tab's session form as the browser fills it in: strings, like the card's inputs, turned into the same
/// <see cref="SessionFormInput"/> so Core's <see cref="SessionForm"/> validates both alike.
/// </summary>
public sealed class SessionFormModel
{
    public string Kind { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Agenda { get; set; } = string.Empty;
    public bool Online { get; set; }
    public string Place { get; set; } = string.Empty;

    /// <summary>yyyy-MM-dd, as input type=date gives it.</summary>
    public string Date { get; set; } = string.Empty;

    /// <summary>HH:mm, as input type=time gives it.</summary>
    public string StartTime { get; set; } = string.Empty;

    public string EndTime { get; set; } = string.Empty;

    public ISet<string> Invitees { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Generated when the form opens; a second click on "create" sends the same one, so only one session is made.</summary>
    public string RequestId { get; set; } = Guid.NewGuid().ToString("N");

    public SessionFormInput ToInput() => new()
    {
        Kind = Kind,
        Title = Title,
        Agenda = Agenda,
        Place = Online ? string.Empty : Place,
        Online = Online ? "true" : "false",
        Date = Date,
        StartTime = StartTime,
        EndTime = EndTime,
        Invitees = string.Join(',', Invitees),
    };

    public static SessionFormModel From(SessionFormInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = new SessionFormModel
        {
            Kind = input.Kind ?? string.Empty,
            Title = input.Title ?? string.Empty,
            Agenda = input.Agenda ?? string.Empty,
            Online = string.Equals(input.Online, "true", StringComparison.OrdinalIgnoreCase),
            Place = input.Place ?? string.Empty,
            Date = input.Date ?? string.Empty,
            StartTime = input.StartTime ?? string.Empty,
            EndTime = input.EndTime ?? string.Empty,
        };
        foreach (var id in (input.Invitees ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            model.Invitees.Add(id);
        }

        return model;
    }
}
