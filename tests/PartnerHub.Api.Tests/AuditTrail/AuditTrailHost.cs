using PartnerHub.Api.Tests.Rest;

namespace PartnerHub.Api.Tests.AuditTrail;

/// <summary>One host for the audit trail's REST and tab tests: each test works in a project of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AuditTrailHost : ICollectionFixture<RestHostFixture>
{
    public const string Name = "Audit trail host";
}
