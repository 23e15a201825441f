using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// A project's course settings: its school holidays, its changes to the theme catalogue, its completion rule and its
/// reminder policy. A project that never saved any has the defaults (no school holidays, the default catalogue, 75 %,
/// remind after 3 days and tell the coordinator 2 days later).
/// </summary>
public sealed record CourseSettings(
    SchoolHolidayCalendar SchoolHolidays,
    ThemeCatalogueOverride Catalogue,
    CompletionRule Completion,
    BookingReminderPolicy Reminders)
{
    public static readonly CourseSettings Default = new(SchoolHolidayCalendar.None, new ThemeCatalogueOverride(), CompletionRule.Default, BookingReminderPolicy.Default);

    /// <summary>The project's catalogue: the default with its changes applied (the changes were validated when saved).</summary>
    public ThemeCatalogue Themes => ThemeCatalogueEditor.Apply(ThemeCatalogue.Default, Catalogue).Catalogue ?? ThemeCatalogue.Default;

    /// <summary>Every setting checked, errors by field (the catalogue's own field names, "completion.*", "reminders.*").</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(errors, "schoolHolidays.", SchoolHolidayCalendar.Validate(SchoolHolidays.Holidays));
        Add(errors, string.Empty, ThemeCatalogueEditor.Apply(ThemeCatalogue.Default, Catalogue).Errors);
        Add(errors, "completion.", Completion.Validate());
        Add(errors, "reminders.", Reminders.Validate());
        return errors;
    }

    private static void Add(Dictionary<string, string> errors, string prefix, IReadOnlyDictionary<string, string> more)
    {
        foreach (var (field, code) in more)
        {
            errors[prefix + field] = code;
        }
    }
}

public sealed record StoredCourseSettings(CourseSettings Settings, ETag? ETag);

/// <summary>
/// One row per project, <c>course-settings</c> in the project's partition: a point read, an ETag-conditional write.
/// A booking's answer and card take them as remembered (<see cref="RememberedAsync"/>).
/// </summary>
public sealed class CourseSettingsStore(TableStore store, TimeProvider time, ReadCache? cache = null)
{
    public const string RowKey = "course-settings";

    private readonly CachedReads<string, CourseSettings> _remembered = new(cache, refreshAhead: true);

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>
    /// The settings without their ETag, remembered for <see cref="ReadCache"/>'s lifetime and dropped by every save
    /// here: for what only draws on them (a booking's reminders and holidays, a card's themes), never for a save.
    /// </summary>
    public Task<CourseSettings> RememberedAsync(string projectId, CancellationToken cancellationToken) =>
        _remembered.GetAsync(projectId, async token => (await GetAsync(projectId, token)).Settings, cancellationToken);

    public async Task<StoredCourseSettings> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId))
        {
            return new StoredCourseSettings(CourseSettings.Default, null);
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return new StoredCourseSettings(CourseSettings.Default, null);
        }

        var settings = JsonSerializer.Deserialize<CourseSettings>(entity.GetString("Data") ?? "null", CourseStore.Json) ?? CourseSettings.Default;
        return new StoredCourseSettings(settings, entity.ETag);
    }

    /// <summary>
    /// Saves validated settings on the ETag read (<paramref name="etag"/> null: none were saved yet). False when another
    /// change won the race: nothing was written.
    /// </summary>
    public async Task<bool> SaveAsync(string projectId, CourseSettings settings, ETag? etag, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate().Count > 0)
        {
            throw new ArgumentException("Course settings are validated before they are saved.", nameof(settings));
        }

        var row = new TableEntity(projectId, RowKey)
        {
            ["Data"] = JsonSerializer.Serialize(settings, CourseStore.Json),
            ["ChangedBy"] = changedBy,
            ["ChangedAt"] = time.GetUtcNow(),
        };
        try
        {
            await _remembered.WriteAsync(projectId, () => etag is { } current
                ? Table.UpdateEntityAsync(row, current, TableUpdateMode.Replace, cancellationToken)
                : Table.AddEntityAsync(row, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
