namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// The first names of a project's people, so the export shows who read or changed her data by name where the
/// directory has them (the partner directory implements it; this folder imports no feature).
/// </summary>
public interface ISubjectNames
{
    Task<IReadOnlyDictionary<string, string>> FirstNamesAsync(string projectId, CancellationToken cancellationToken);
}
