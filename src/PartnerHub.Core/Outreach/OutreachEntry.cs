namespace PartnerHub.Core.Outreach;

/// <summary>
/// One outreach contact as a neighbourhood mother logs it: when, how, how many women, what they talked about and where
/// she pointed them. Nothing about the women, no names and no free text, by design: an entry can be kept and counted
/// freely. <see cref="MotherObjectId"/> is the mother's own id, so she can list her entries and the month can count her
/// as active. <see cref="Version"/> is 1 when logged, +1 with each correction (the REST ETag).
/// </summary>
public sealed record OutreachEntry(
    string Id,
    string ProjectId,
    string MotherObjectId,
    DateOnly Date,
    OutreachKind Kind,
    int Women,
    IReadOnlyList<string> Topics,
    IReadOnlyList<OutreachService> Services,
    DateTimeOffset RecordedAt,
    int Version = 1)
{
    public static OutreachEntry Log(string id, string projectId, string motherObjectId, ValidOutreachForm form, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(id, projectId, motherObjectId, form.Date, form.Kind, form.Women, form.Topics, form.Services, now);
    }

    /// <summary>The entry with corrected topics (already checked, <see cref="OutreachForm.ValidateTopics"/>), as its next version.</summary>
    public OutreachEntry WithTopics(IReadOnlyList<string> topics) => this with { Topics = topics, Version = Version + 1 };
}
