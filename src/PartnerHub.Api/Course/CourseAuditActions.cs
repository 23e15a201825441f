using PartnerHub.Core.Audit;

namespace PartnerHub.Api.Course;

/// <summary>The course's audited actions beyond <c>BookingAction</c> and the services' own constants: one name each, with words in the audit trail.</summary>
public static class CourseAuditActions
{
    [AuditAction]
    public const string CreateCohort = "CreateCohort";
    [AuditAction]
    public const string View = "View";
    [AuditAction]
    public const string ViewSettings = "ViewSettings";
    [AuditAction]
    public const string SaveSettings = "SaveSettings";
    [AuditAction]
    public const string ViewCompletion = "ViewCompletion";
    [AuditAction]
    public const string RecordAttendance = "RecordAttendance";
    [AuditAction]
    public const string Reorder = "Reorder";
    [AuditAction]
    public const string AddExcursion = "AddExcursion";
    [AuditAction]
    public const string MoveSession = "MoveSession";
    [AuditAction]
    public const string CancelSession = "CancelSession";
    [AuditAction]
    public const string AddParticipant = "AddParticipant";
    [AuditAction]
    public const string RenameParticipant = "RenameParticipant";
    [AuditAction]
    public const string RemoveParticipant = "RemoveParticipant";
    [AuditAction]
    public const string MarkReminded = "MarkReminded";
}
