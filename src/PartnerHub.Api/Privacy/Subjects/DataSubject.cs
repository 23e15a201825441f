namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// Whom a data-subject request (GDPR access, erasure, rectification) is about, within one project: a woman, named by
/// her referral's id (the reference the coordinator sees), a person in the project's directory, named by her Entra
/// object id, or a woman on a course's participant list, named by cohort and her id on it. Features answer for what
/// they hold about each; this folder imports no feature.
/// </summary>
public abstract record DataSubject(string ProjectId)
{
    /// <summary>The audit's record type and id for a request about this subject.</summary>
    public abstract (string RecordType, string RecordId) AuditRecord { get; }
}

/// <summary>The woman a referral is about.</summary>
public sealed record ReferredWoman(string ProjectId, string ReferralId) : DataSubject(ProjectId)
{
    public override (string RecordType, string RecordId) AuditRecord => ("referral", ReferralId);
}

/// <summary>A person in the project's directory (staff, partner, neighbourhood mother, teacher).</summary>
public sealed record DirectoryPerson(string ProjectId, string ObjectId) : DataSubject(ProjectId)
{
    /// <summary>As the directory audits changes of her entry (DirectoryService.RecordType, DirectoryService.MemberRecord), so one audit query finds both.</summary>
    public override (string RecordType, string RecordId) AuditRecord => ("directory", "member|" + ObjectId);
}

/// <summary>
/// A woman named on a cohort's participant list (she need not be in the directory, nor have an account), by the
/// cohort's id and her id on its list.
/// </summary>
public sealed record CourseParticipantSubject(string ProjectId, string CohortId, string ParticipantId) : DataSubject(ProjectId)
{
    /// <summary>As the course audits changes of her list (CourseStore.CohortRecord, the cohort's id), so one audit query finds both.</summary>
    public override (string RecordType, string RecordId) AuditRecord => ("cohort", CohortId);
}
