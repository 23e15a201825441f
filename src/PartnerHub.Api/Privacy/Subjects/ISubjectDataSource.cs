namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// A feature's part of a data-subject access request (GDPR Art. 15): what it holds about one woman or one person of a
/// project, as <see cref="SubjectSection"/>s. Each feature registers its source in its own registration
/// (<c>services.AddSubjectDataSource&lt;T&gt;()</c>); <see cref="SubjectExport"/> asks every registered source.
/// </summary>
public interface ISubjectDataSource
{
    /// <summary>
    /// The stored row kinds this source reads, by their data inventory keys (<see cref="SubjectRows.Of(string, string)"/>): a test fails
    /// when a personal row kind is neither covered here nor listed in <see cref="SubjectRows.NotExported"/>.
    /// </summary>
    IReadOnlyList<string> Covers { get; }

    /// <summary>What the feature holds about <paramref name="subject"/>: its sections, none when it holds nothing about her.</summary>
    Task<IReadOnlyList<SubjectSection>> ReadAsync(DataSubject subject, CancellationToken cancellationToken);
}
