namespace PartnerHub.Api.Tests.Rest;

/// <summary>
/// IdentityModel's logger is one static for the whole process, and every host that starts installs its own. A class
/// that asserts what IdentityModel logged runs in this collection: alone, after the parallel classes, so no other
/// host replaces the logger mid-test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IdentityModelLoggerGroup
{
    public const string Name = "IdentityModel's process-wide logger";
}
