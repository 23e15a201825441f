using PartnerHub.Api.Demo;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// The demo's programme lead, Miriam of the municipality, appointed over the demo project: <c>/dashboard?as=lead</c>
/// shows her combined report. Added once; a restart finds her appointed already.
/// </summary>
public sealed class ProgrammeLeadDemoSeed(ProgrammeLeadStore leads) : IDemoSeed
{
    /// <summary>After the directory, which creates the project.</summary>
    public int Order => 50;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lead = new ProgrammeLead(DemoData.PlaygroundTenant, DemoData.ProgrammeLeadObjectId, DemoData.ProgrammeLeadFirstName, [DemoData.Vollsmose.Id]);
        return await leads.WriteAsync(lead, expected: null, changedBy: "demo", cancellationToken) is null ? 0 : 1;
    }
}
