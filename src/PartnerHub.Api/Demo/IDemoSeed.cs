namespace PartnerHub.Api.Demo;

/// <summary>
/// One feature's part of the demo data. Seeds run in <see cref="Order"/> (the directory before the records that name
/// its people) and must be idempotent: a restart against the same Azurite adds nothing.
/// </summary>
public interface IDemoSeed
{
    int Order { get; }

    /// <returns>How many records were new.</returns>
    Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
