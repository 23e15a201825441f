using PartnerHub.Core.Audit;

namespace PartnerHub.Api.Partners;

/// <summary>The directory's audited actions (card and REST): one name each, with words in the audit trail.</summary>
public static class DirectoryAuditActions
{
    [AuditAction]
    public const string ViewOrganisation = "ViewOrganisation";
    [AuditAction]
    public const string ViewMember = "ViewMember";
    [AuditAction]
    public const string AddOrganisation = "AddOrganisation";
    [AuditAction]
    public const string SaveOrganisation = "SaveOrganisation";
    [AuditAction]
    public const string AddMember = "AddMember";
    [AuditAction]
    public const string SaveMember = "SaveMember";
    [AuditAction]
    public const string RemoveMember = "RemoveMember";
}
