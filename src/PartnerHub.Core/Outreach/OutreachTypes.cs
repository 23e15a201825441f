namespace PartnerHub.Core.Outreach;

/// <summary>Where a neighbourhood mother met the women she sought out.</summary>
public enum OutreachKind
{
    HomeVisit,
    OpenHouse,
    Phone,

    /// <summary>A meeting somewhere other than the woman's home: a café, the library, the playground.</summary>
    ElsewhereMeeting,
}

/// <summary>The municipal and voluntary services a mother can point the women to.</summary>
public enum OutreachService
{
    HealthVisitor,
    JobCentre,
    FamilyDepartment,
    HousingSocialWorker,
    VolunteerAssociation,
    Doctor,
    Other,
}
