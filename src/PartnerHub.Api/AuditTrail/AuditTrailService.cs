using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.AuditTrail;

/// <summary>Whether the trail is looked at (the tab, REST JSON) or taken away as a file: audited under different names.</summary>
public enum AuditTrailUse
{
    View,
    Export,
}

/// <summary>
/// The project's audit read back for its coordinator: the rows of <see cref="AuditLog.ReadAsync"/> for a filter, newest
/// first, with the project's directory to name the people (the audit stores object ids only). The one place that
/// decides who may read the trail (the project's coordinator) and that every read and export is itself audited.
/// </summary>
public sealed class AuditTrailService(AuditLog audit, DirectoryStore directory)
{
    public const string RecordType = "audit";
    [AuditAction]
    public const string ViewAction = "ViewAuditTrail";
    [AuditAction]
    public const string ExportAction = "ExportAuditTrail";

    /// <summary>The most rows one read returns, newest first: the tab's page and an export alike stay bounded.</summary>
    public const int MaxRows = 5000;

    /// <summary>The trail for <paramref name="filter"/> when <paramref name="actor"/> coordinates the project; otherwise null (audited as refused).</summary>
    public async Task<AuditTrailPage?> ReadAsync(Actor actor, AuditTrailFilter filter, AuditTrailUse use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var action = use == AuditTrailUse.Export ? ExportAction : ViewAction;
        if (actor.Role != ProjectRole.Coordinator)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, "-", allowed: false, cancellationToken);
            return null;
        }

        var entries = new List<AuditEntry>();
        var truncated = false;
        await foreach (var entry in audit.ReadAsync(actor.ProjectId, filter.Query(), cancellationToken))
        {
            if (entries.Count == MaxRows)
            {
                truncated = true;
                break;
            }

            entries.Add(entry);
        }

        var people = await PeopleAsync(actor.ProjectId, cancellationToken);
        // Written after the read, so a read never lists itself; the next one does.
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, "-", allowed: true, cancellationToken);
        return new AuditTrailPage(filter, entries, people, truncated);
    }

    /// <summary>The project's people, for the person filter and to name the rows: by object id.</summary>
    public async Task<IReadOnlyDictionary<string, ProjectMember>> PeopleAsync(string projectId, CancellationToken cancellationToken)
    {
        var members = await directory.MembersAsync(projectId, null, cancellationToken);
        return members.GroupBy(m => m.ObjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }
}

/// <summary>One read of the trail: the rows (newest first, at most <see cref="AuditTrailService.MaxRows"/>), the people who name them, whether more were left out.</summary>
public sealed record AuditTrailPage(AuditTrailFilter Filter, IReadOnlyList<AuditEntry> Entries, IReadOnlyDictionary<string, ProjectMember> People, bool Truncated)
{
    /// <summary>Who did it, in words: her first name and role from the directory, or what the audit's actor stands for.</summary>
    public string Person(AuditEntry entry, AuditTrailText text)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(text);
        return People.TryGetValue(entry.Actor, out var member) ? text.Member(member) : text.NotInDirectory(entry.Actor);
    }

    /// <summary>Which record, in words: a person of the directory by name, anything else by its id ("–" for none).</summary>
    public string Record(AuditEntry entry, AuditTrailText text)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(text);
        if (entry.RecordId is "" or "-")
        {
            return text["none"];
        }

        var person = entry.RecordId.StartsWith(DirectoryStore.MemberPrefix, StringComparison.Ordinal) ? entry.RecordId[DirectoryStore.MemberPrefix.Length..]
            : entry.RecordType == "member" ? entry.RecordId
            : null;
        return person is null ? entry.RecordId
            : People.TryGetValue(person, out var member) ? text.Member(member)
            : text.NotInDirectory(person);
    }
}
