using PartnerHub.Api.Demo;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Dashboard;

/// <summary>
/// Whom of the demo cast the local demo's tab shows (<c>/dashboard?as=partner</c>, <c>?as=mother</c>), so the demo and
/// the end-to-end tests can show each view, and <c>?as=lead</c> the programme lead's report. Only read in <see cref="TabIdentityMode.LocalDemo"/>; anything unknown is the coordinator.
/// </summary>
public static class DemoPersonas
{
    public const string Coordinator = "coordinator";
    public const string Partner = "partner";
    public const string Mother = "mother";
    public const string Lead = "lead";

    /// <summary>The demo's programme lead (seeded by the report feature's demo seed).</summary>
    public static ProgrammeLeadIdentity ProgrammeLead { get; } = new(DemoData.PlaygroundTenant, DemoData.ProgrammeLeadObjectId);

    public static bool IsProgrammeLead(string? persona) => persona == Lead;

    public static ProjectMember Of(string? persona) => persona switch
    {
        Partner => DemoData.KindergartenStaff,
        Mother => DemoData.MotherAdele,
        _ => DemoData.Coordinator,
    };
}
