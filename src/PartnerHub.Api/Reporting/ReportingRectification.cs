using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Reporting;

/// <summary>How the report's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class ReportingRectification : IRectificationDeclaration
{
    public const string ProgrammeLead = "PUT /api/admin/programme-leads/{objectId}";
    private const string Changed = "hvem der ændrede, skrevet af PartnerHub fra hendes log-ind: at rette det ville forfalske sporet";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = report-settings")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "PartitionKey = programme-lead|{tenant-id}")
            .Through(ProgrammeLead, "en administrator retter programlederens fornavn (og projekter)", [Administrator], "FirstName")
            .NotCorrectable(Changed, "ChangedBy"),
    ];
}
