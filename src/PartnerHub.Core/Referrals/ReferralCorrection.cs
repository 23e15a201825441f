using System.Globalization;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// A correction of the woman's details as sent (GDPR Art. 16): strings, unvalidated, the referral form's field ids.
/// A field left null is not changed; an empty note removes the note.
/// </summary>
public sealed record ReferralCorrectionInput
{
    public string? FirstNameOrInitials { get; init; }
    public string? Languages { get; init; }
    public string? Area { get; init; }
    public string? ContactChannel { get; init; }
    public string? BestTime { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Note { get; init; }
    public string? ConsentGivenBy { get; init; }
    public string? ConsentMethod { get; init; }
    public string? ConsentDate { get; init; }
    public string? ConsentLanguage { get; init; }

    public bool IsEmpty => this == new ReferralCorrectionInput();
}

/// <summary>A correction as asked for; the service validates it against the stored referral (<see cref="ReferralCorrection.Validate"/>).</summary>
public sealed record RectifyReferral(ReferralCorrectionInput Input) : ReferralCommand(ReferralAction.Rectify);

/// <summary>A validated correction: her details and consent record as they are to read from now on.</summary>
public sealed record CorrectedPerson(ReferralPerson Person, Consent Consent) : ReferralCommand(ReferralAction.Rectify);

/// <summary>
/// Correcting a woman's details on her referral: who may correct which field (the one rule), and the validation,
/// which is the referral form's own. The coordinator corrects everything about her; the assigned mother what she
/// learns by meeting her (name, languages, area, how and when to reach her), not the referrer's note or the consent
/// record. A correction never changes who referred her, her needs or the case's history.
/// </summary>
public static class ReferralCorrection
{
    /// <summary>An error code: the field is not hers to correct.</summary>
    public const string NotAllowed = "notAllowed";

    private static readonly ReferralField[] CoordinatorFields =
    [
        ReferralField.FirstName, ReferralField.Languages, ReferralField.Area, ReferralField.Contact, ReferralField.Phone,
        ReferralField.Note, ReferralField.Consent,
    ];

    private static readonly ReferralField[] MotherFields =
    [
        ReferralField.FirstName, ReferralField.Languages, ReferralField.Area, ReferralField.Contact, ReferralField.Phone,
    ];

    /// <summary>The fields of her details this person may correct on this referral (none once her data is erased).</summary>
    public static IReadOnlySet<ReferralField> CorrectableBy(Actor actor, Referral referral)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(referral);
        if (ReferralVisibility.IsErased(referral) || !ReferralAccess.Allows(actor, ReferralAction.Rectify, referral))
        {
            return new HashSet<ReferralField>();
        }

        return new HashSet<ReferralField>(actor.Role == ProjectRole.Coordinator ? CoordinatorFields : MotherFields);
    }

    /// <summary>
    /// Her details with the correction applied, checked field by field as the referral form checks them (errors keyed
    /// by the form's field ids). A consent date must have been current when she was referred, not today.
    /// </summary>
    public static (CorrectedPerson? Command, IReadOnlyDictionary<string, string> Errors) Validate(
        Referral referral, ReferralCorrectionInput input, IReadOnlyCollection<string> projectAreas)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(projectAreas);
        if (referral.Person is not { } person || referral.Consent is not { } consent)
        {
            throw new InvalidOperationException("Her details are erased: there is nothing to correct.");
        }

        // The area she lives in stays valid when the project's list of areas changed since.
        var areas = projectAreas.Append(person.Area).ToHashSet(StringComparer.Ordinal);
        var merged = new ReferralFormInput
        {
            FirstNameOrInitials = input.FirstNameOrInitials ?? person.FirstNameOrInitials,
            Languages = input.Languages ?? string.Join(',', person.PreferredLanguages),
            Area = input.Area ?? person.Area,
            ContactChannel = input.ContactChannel ?? person.Contact.Channel.ToString(),
            BestTime = input.BestTime ?? person.Contact.BestTime.ToString(),
            PhoneNumber = input.PhoneNumber ?? person.Contact.PhoneNumber,
            Needs = string.Join(',', Enum.GetValues<NeedCategories>().Where(n => n != NeedCategories.None && referral.Needs.HasFlag(n))),
            Note = input.Note ?? person.Note,
            ConsentGivenBy = input.ConsentGivenBy ?? consent.GivenBy.ToString(),
            ConsentMethod = input.ConsentMethod ?? consent.Method.ToString(),
            ConsentDate = input.ConsentDate ?? consent.GivenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ConsentLanguage = input.ConsentLanguage ?? consent.ExplainedInLanguage,
            ConsentConfirmed = "true",
        };
        var (form, errors) = ReferralForm.Validate(merged, areas, consent.RecordedByObjectId, CopenhagenTime.DateOf(referral.SubmittedAt));
        return form is null ? (null, errors) : (new CorrectedPerson(form.Person, form.Consent), errors);
    }

    /// <summary>The fields the correction changes, by the form's field ids, each with the <see cref="ReferralField"/> that guards it.</summary>
    public static IReadOnlyDictionary<string, ReferralField> Changed(Referral referral, CorrectedPerson corrected)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(corrected);
        var (before, after) = (referral.Person, corrected.Person);
        var changed = new Dictionary<string, ReferralField>(StringComparer.Ordinal);
        void Check(bool differs, string field, ReferralField guard)
        {
            if (differs)
            {
                changed[field] = guard;
            }
        }

        Check(before?.FirstNameOrInitials != after.FirstNameOrInitials, ReferralForm.Fields.FirstName, ReferralField.FirstName);
        Check(!(before?.PreferredLanguages ?? []).SequenceEqual(after.PreferredLanguages, StringComparer.Ordinal), ReferralForm.Fields.Languages, ReferralField.Languages);
        Check(before?.Area != after.Area, ReferralForm.Fields.Area, ReferralField.Area);
        Check(before?.Contact.Channel != after.Contact.Channel, ReferralForm.Fields.ContactChannel, ReferralField.Contact);
        Check(before?.Contact.BestTime != after.Contact.BestTime, ReferralForm.Fields.BestTime, ReferralField.Contact);
        Check(before?.Contact.PhoneNumber != after.Contact.PhoneNumber, ReferralForm.Fields.Phone, ReferralField.Phone);
        Check(before?.Note != after.Note, ReferralForm.Fields.Note, ReferralField.Note);
        Check(referral.Consent?.GivenBy != corrected.Consent.GivenBy, ReferralForm.Fields.ConsentGivenBy, ReferralField.Consent);
        Check(referral.Consent?.Method != corrected.Consent.Method, ReferralForm.Fields.ConsentMethod, ReferralField.Consent);
        Check(referral.Consent?.GivenOn != corrected.Consent.GivenOn, ReferralForm.Fields.ConsentDate, ReferralField.Consent);
        Check(referral.Consent?.ExplainedInLanguage != corrected.Consent.ExplainedInLanguage, ReferralForm.Fields.ConsentLanguage, ReferralField.Consent);
        return changed;
    }

    /// <summary>The changed fields this person may not correct, each with <see cref="NotAllowed"/>; empty when she may make the whole correction.</summary>
    public static IReadOnlyDictionary<string, string> Refused(Actor actor, Referral referral, CorrectedPerson corrected)
    {
        var allowed = CorrectableBy(actor, referral);
        return Changed(referral, corrected)
            .Where(change => !allowed.Contains(change.Value))
            .ToDictionary(change => change.Key, _ => NotAllowed, StringComparer.Ordinal);
    }
}
