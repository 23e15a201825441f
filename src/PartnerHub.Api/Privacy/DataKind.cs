namespace PartnerHub.Api.Privacy;

/// <summary>What kind of information a stored field holds, as a data protection officer sorts it.</summary>
public enum DataKind
{
    /// <summary>Not about a person: states, dates, counts, settings, technical ids of records.</summary>
    NotPersonal,

    /// <summary>A person's Entra object id (or an id that leads to one person, such as her chat's id): pseudonymous personal data.</summary>
    PersonId,

    /// <summary>A staff member's or volunteer's name (first name, display name).</summary>
    StaffName,

    /// <summary>Something about a staff member or volunteer, tied to her id (her answer to an invitation, whether she came).</summary>
    StaffData,

    /// <summary>Information about a woman the programme helps (first name, contact, needs, consent).</summary>
    WomanData,

    /// <summary>Text a person typed: may hold personal data whatever the field is meant for.</summary>
    FreeText,
}

public static class DataKinds
{
    /// <summary>The kind's name in the privacy document (Danish: the document's reader is a Danish municipality's DPO).</summary>
    public static string Label(DataKind kind) => kind switch
    {
        DataKind.NotPersonal => "ikke persondata",
        DataKind.PersonId => "person-id (pseudonym)",
        DataKind.StaffName => "navn på medarbejder/frivillig",
        DataKind.StaffData => "oplysning om medarbejder/frivillig",
        DataKind.WomanData => "oplysning om kvinden",
        DataKind.FreeText => "fritekst (kan indeholde persondata)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsPersonal(DataKind kind) => kind != DataKind.NotPersonal;
}
