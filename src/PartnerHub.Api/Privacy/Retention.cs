namespace PartnerHub.Api.Privacy;

/// <summary>How long a row is kept and which code ends it ("none" is said plainly: the DPO must see the gaps).</summary>
public sealed record Retention(string Period, string EnforcedBy)
{
    /// <summary>Kept while the project exists: nothing deletes it automatically.</summary>
    public static Retention WhileProjectExists(string? note = null) =>
        new("så længe projektet findes" + (note is null ? string.Empty : "; " + note), "ingen automatisk sletning");

    public static Retention Until(string period, string enforcedBy) => new(period, enforcedBy);
}
