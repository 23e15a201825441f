namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// Whom a data-subject request (GDPR access, erasure, rectification) is about, within one project: a woman, named by
/// her referral's id (the reference the coordinator sees), or a person in the project's directory, named by her
/// Entra object id. Features answer for what they hold about either; this folder imports no feature.
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
