using PartnerHub.Core.Referrals;
using E = PartnerHub.Core.Referrals.ReferralForm.Errors;
using F = PartnerHub.Core.Referrals.ReferralForm.Fields;

namespace PartnerHub.Core.Tests.Referrals;

public class ReferralFormTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly string[] Areas = ["Vollsmose Øst", "Vollsmose Vest"];

    private static readonly ReferralFormInput Valid = new()
    {
        FirstNameOrInitials = " Fatima ",
        Languages = "ar, da",
        Area = "Vollsmose Øst",
        ContactChannel = "Phone",
        BestTime = "Morning",
        PhoneNumber = "+45 12 34 56 78",
        Needs = "Children,Network",
        Note = " Ring efter kl. 14 ",
        ConsentGivenBy = "Herself",
        ConsentMethod = "Verbal",
        ConsentDate = "2026-03-09",
        ConsentLanguage = "ar",
        ConsentConfirmed = "true",
    };

    [Fact]
    public void A_valid_form_becomes_the_minimal_person_record_needs_and_consent()
    {
        var (form, errors) = Validate(Valid);

        Assert.Empty(errors);
        Assert.NotNull(form);
        Assert.Equal("Fatima", form.Person.FirstNameOrInitials);
        Assert.Equal(["ar", "da"], form.Person.PreferredLanguages);
        Assert.Equal("Vollsmose Øst", form.Person.Area);
        Assert.Equal(new ContactPreference(ContactChannel.Phone, ContactTime.Morning, "+4512345678"), form.Person.Contact);
        Assert.Equal("Ring efter kl. 14", form.Person.Note);
        Assert.Equal(NeedCategories.Children | NeedCategories.Network, form.Needs);
        Assert.Equal(new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 3, 9), "ar", "staff-1"), form.Consent);
    }

    [Fact]
    public void Choices_are_read_in_any_case_languages_included_and_stored_as_their_known_codes()
    {
        var (form, errors) = Validate(Valid with
        {
            Languages = "AR, Da, ar",
            ContactChannel = "PHONE",
            BestTime = "morning",
            Needs = "children,NETWORK",
            ConsentGivenBy = "herself",
            ConsentMethod = "VERBAL",
            ConsentLanguage = "Ar",
        });

        Assert.Empty(errors);
        Assert.NotNull(form);
        Assert.Equal(["ar", "da"], form.Person.PreferredLanguages);
        Assert.Equal(new ContactPreference(ContactChannel.Phone, ContactTime.Morning, "+4512345678"), form.Person.Contact);
        Assert.Equal(NeedCategories.Children | NeedCategories.Network, form.Needs);
        Assert.Equal(new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 3, 9), "ar", "staff-1"), form.Consent);
    }

    [Fact]
    public void Optional_fields_may_be_left_out()
    {
        var (form, errors) = Validate(Valid with { BestTime = null, Note = "  ", ContactChannel = "throughreferrer", PhoneNumber = null });

        Assert.Empty(errors);
        Assert.Equal(new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Anytime, null), form!.Person.Contact);
        Assert.Null(form.Person.Note);
    }

    [Theory]
    [InlineData(F.FirstName, null, E.Required)]
    [InlineData(F.FirstName, "   ", E.Required)]
    [InlineData(F.FirstName, "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", E.TooLong)]
    [InlineData(F.FirstName, "Fatima2", E.InvalidName)]
    [InlineData(F.FirstName, "010190-1234", E.InvalidName)]
    [InlineData(F.FirstName, "-Fatima", E.InvalidName)]
    [InlineData(F.FirstName, "Fatima, 12345678", E.InvalidName)]
    [InlineData(F.Languages, null, E.Required)]
    [InlineData(F.Languages, " , ", E.Required)]
    [InlineData(F.Languages, "ar,xx", E.UnknownValue)]
    [InlineData(F.Languages, "Arabic", E.UnknownValue)]
    [InlineData(F.Languages, "ar,da,so,tr", E.TooMany)]
    [InlineData(F.Area, null, E.Required)]
    [InlineData(F.Area, "Bolbro", E.UnknownValue)]
    [InlineData(F.ContactChannel, null, E.Required)]
    [InlineData(F.ContactChannel, "Email", E.UnknownValue)]
    [InlineData(F.ContactChannel, "0", E.UnknownValue)]
    [InlineData(F.ContactChannel, "2", E.UnknownValue)]
    [InlineData(F.ContactChannel, "7", E.UnknownValue)]
    [InlineData(F.ContactChannel, "-1", E.UnknownValue)]
    [InlineData(F.ContactChannel, "+1", E.UnknownValue)]
    [InlineData(F.ContactChannel, "Phone,AtProjectPlace", E.UnknownValue)]
    [InlineData(F.BestTime, "Night", E.UnknownValue)]
    [InlineData(F.BestTime, "0", E.UnknownValue)]
    [InlineData(F.BestTime, "3", E.UnknownValue)]
    [InlineData(F.BestTime, "Morning,Afternoon", E.UnknownValue)]
    [InlineData(F.Phone, null, E.Required)]
    [InlineData(F.Phone, "  ", E.Required)]
    [InlineData(F.Phone, "1234567", E.InvalidPhone)]
    [InlineData(F.Phone, "123456789", E.InvalidPhone)]
    [InlineData(F.Phone, "+46 12345678", E.InvalidPhone)]
    [InlineData(F.Phone, "45 12345678", E.InvalidPhone)]
    [InlineData(F.Phone, "1234567a", E.InvalidPhone)]
    [InlineData(F.Needs, null, E.Required)]
    [InlineData(F.Needs, " , ", E.Required)]
    [InlineData(F.Needs, "None", E.UnknownValue)]
    [InlineData(F.Needs, "Children,None", E.UnknownValue)]
    [InlineData(F.Needs, "Children,Housing", E.UnknownValue)]
    [InlineData(F.Needs, "0", E.UnknownValue)]
    [InlineData(F.Needs, "1", E.UnknownValue)]
    [InlineData(F.Needs, "63", E.UnknownValue)]
    [InlineData(F.Needs, "+2", E.UnknownValue)]
    [InlineData(F.Note, "010190-1234", E.LooksLikeCpr)]
    [InlineData(F.ConsentGivenBy, null, E.Required)]
    [InlineData(F.ConsentGivenBy, "Husband", E.UnknownValue)]
    [InlineData(F.ConsentGivenBy, "1", E.UnknownValue)]
    [InlineData(F.ConsentMethod, null, E.Required)]
    [InlineData(F.ConsentMethod, "Email", E.UnknownValue)]
    [InlineData(F.ConsentMethod, "0", E.UnknownValue)]
    [InlineData(F.ConsentMethod, "Verbal,Written", E.UnknownValue)]
    [InlineData(F.ConsentDate, null, E.Required)]
    [InlineData(F.ConsentDate, "2026-03-11", E.DateInFuture)]
    [InlineData(F.ConsentDate, "2026-02-07", E.ConsentTooOld)]
    [InlineData(F.ConsentDate, "2025-03-10", E.ConsentTooOld)]
    [InlineData(F.ConsentDate, "09-03-2026", E.InvalidDate)]
    [InlineData(F.ConsentDate, "09.03.2026", E.InvalidDate)]
    [InlineData(F.ConsentDate, "2026-3-9", E.InvalidDate)]
    [InlineData(F.ConsentDate, "2026-02-30", E.InvalidDate)]
    [InlineData(F.ConsentDate, "2026-03-09T10:00", E.InvalidDate)]
    [InlineData(F.ConsentDate, "i går", E.InvalidDate)]
    [InlineData(F.ConsentLanguage, null, E.Required)]
    [InlineData(F.ConsentLanguage, "xx", E.UnknownValue)]
    [InlineData(F.ConsentLanguage, "ar,da", E.UnknownValue)]
    [InlineData(F.ConsentConfirmed, null, E.ConsentNotConfirmed)]
    [InlineData(F.ConsentConfirmed, "false", E.ConsentNotConfirmed)]
    [InlineData(F.ConsentConfirmed, "yes", E.ConsentNotConfirmed)]
    public void One_bad_field_gives_exactly_its_error_and_no_form(string field, string? value, string error)
    {
        var (form, errors) = Validate(With(Valid, field, value));

        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [field] = error }, errors);
    }

    [Fact]
    public void A_note_longer_than_the_limit_is_too_long()
    {
        var (form, errors) = Validate(Valid with { Note = new string('a', ReferralForm.MaxNoteLength + 1) });
        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [F.Note] = E.TooLong }, errors);
        Assert.Empty(Validate(Valid with { Note = new string('a', ReferralForm.MaxNoteLength) }).Errors);
    }

    [Theory]
    [InlineData(F.FirstName, "F. A.")]
    [InlineData(F.FirstName, "Anne-Marie")]
    [InlineData(F.FirstName, "Ayşe")]
    [InlineData(F.FirstName, "N'Deye")]
    [InlineData(F.FirstName, "فاطمة")]
    [InlineData(F.FirstName, "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData(F.Languages, "ar,ar,da,da")]
    [InlineData(F.Languages, "prs,ps,ku")]
    [InlineData(F.ContactChannel, "PHONE")]
    [InlineData(F.BestTime, "evening")]
    [InlineData(F.Needs, "children, health ,LANGUAGE,Work,Network,Authorities")]
    [InlineData(F.ConsentDate, "2026-03-10")]
    [InlineData(F.ConsentDate, "2026-02-08")]
    [InlineData(F.ConsentDate, " 2026-03-01 ")]
    [InlineData(F.ConsentConfirmed, "TRUE")]
    [InlineData(F.ConsentMethod, "written")]
    [InlineData(F.ConsentGivenBy, "HerselfThroughInterpreter")]
    public void Accepted_variants(string field, string value) =>
        Assert.Empty(Validate(With(Valid, field, value)).Errors);

    [Theory]
    [InlineData("+45 12 34 56 78")]
    [InlineData("+4512345678")]
    [InlineData("0045 12345678")]
    [InlineData("004512345678")]
    [InlineData("12345678")]
    [InlineData(" 12 34 56 78 ")]
    [InlineData("12-34-56-78")]
    public void Danish_phone_numbers_are_normalised(string raw)
    {
        Assert.Equal("+4512345678", ReferralForm.NormalisePhone(raw));
        Assert.Equal("+4512345678", Validate(Valid with { PhoneNumber = raw }).Form!.Person.Contact.PhoneNumber);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+45")]
    [InlineData("+45 1234 567")]
    [InlineData("+46 12345678")]
    [InlineData("+45+4512345678")]
    [InlineData("١٢٣٤٥٦٧٨")]
    [InlineData("12345678 ext 2")]
    public void Other_phone_numbers_are_not_normalised(string? raw) =>
        Assert.Null(ReferralForm.NormalisePhone(raw));

    [Fact]
    public void A_phone_number_is_kept_only_when_the_channel_is_the_phone()
    {
        var (form, errors) = Validate(Valid with { ContactChannel = "AtProjectPlace", PhoneNumber = "12345678" });
        Assert.Empty(errors);
        Assert.Null(form!.Person.Contact.PhoneNumber);
    }

    [Theory]
    [InlineData("010190-1234")]
    [InlineData("0101901234")]
    [InlineData("Hendes cpr er 311299-4321.")]
    [InlineData("cpr:0101901234")]
    [InlineData("010190 1234")]
    [InlineData("0101901234 og mere")]
    [InlineData("3112991234")]
    [InlineData("ref0101901234x")]
    [InlineData("٠١٠١٩٠-١٢٣٤")]
    [InlineData("０１０１９０１２３４")]
    public void A_note_with_a_cpr_number_is_refused(string note)
    {
        var (form, errors) = Validate(Valid with { Note = note });
        Assert.Null(form);
        Assert.Equal(new Dictionary<string, string> { [F.Note] = E.LooksLikeCpr }, errors);
    }

    [Theory]
    [InlineData("ring efter kl. 14")]
    [InlineData("Ring efter kl. 14-16, ikke om fredagen")]
    [InlineData("Hun har 3 børn på 2, 5 og 9 år")]
    [InlineData("Sagsnr. 12345678901234")]
    [InlineData("01019012345")]
    [InlineData("4512345678")]
    [InlineData("9912345678")]
    [InlineData("0150901234")]
    [InlineData("0000001234")]
    [InlineData("3201901234")]
    [InlineData("1513901234")]
    [InlineData("0101901234567")]
    [InlineData("12010190-1234")]
    [InlineData("tlf. 12 34 56 78")]
    [InlineData("Møde 2026-03-12 kl. 10")]
    [InlineData("010190-12345")]
    [InlineData("1234-5678")]
    public void A_note_with_other_numbers_is_fine(string note) =>
        Assert.Empty(Validate(Valid with { Note = note }).Errors);

    [Fact]
    public void An_empty_form_reports_every_required_field_at_once()
    {
        var (form, errors) = Validate(new ReferralFormInput());

        Assert.Null(form);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [F.FirstName] = E.Required,
                [F.Languages] = E.Required,
                [F.Area] = E.Required,
                [F.ContactChannel] = E.Required,
                [F.Needs] = E.Required,
                [F.ConsentGivenBy] = E.Required,
                [F.ConsentMethod] = E.Required,
                [F.ConsentDate] = E.Required,
                [F.ConsentLanguage] = E.Required,
                [F.ConsentConfirmed] = E.ConsentNotConfirmed,
            },
            errors);
    }

    [Fact]
    public void Several_different_errors_are_reported_together_keyed_by_field()
    {
        var (form, errors) = Validate(Valid with
        {
            FirstNameOrInitials = "R2D2",
            Languages = "ar,xx",
            PhoneNumber = "123",
            Needs = "Housing",
            Note = "0101901234",
            ConsentDate = "2026-04-01",
            ConsentConfirmed = "false",
        });

        Assert.Null(form);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [F.FirstName] = E.InvalidName,
                [F.Languages] = E.UnknownValue,
                [F.Phone] = E.InvalidPhone,
                [F.Needs] = E.UnknownValue,
                [F.Note] = E.LooksLikeCpr,
                [F.ConsentDate] = E.DateInFuture,
                [F.ConsentConfirmed] = E.ConsentNotConfirmed,
            },
            errors);
    }

    [Fact]
    public void Every_field_id_is_distinct()
    {
        string[] ids = [F.FirstName, F.Languages, F.Area, F.ContactChannel, F.BestTime, F.Phone, F.Needs, F.Note, F.ConsentGivenBy, F.ConsentMethod, F.ConsentDate, F.ConsentLanguage, F.ConsentConfirmed];
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Null_arguments_are_programming_errors()
    {
        Assert.Throws<ArgumentNullException>(() => ReferralForm.Validate(null!, Areas, "staff-1", Today));
        Assert.Throws<ArgumentNullException>(() => ReferralForm.Validate(Valid, null!, "staff-1", Today));
    }

    private static (ValidReferralForm? Form, IReadOnlyDictionary<string, string> Errors) Validate(ReferralFormInput input) =>
        ReferralForm.Validate(input, Areas, "staff-1", Today);

    private static ReferralFormInput With(ReferralFormInput input, string field, string? value) => field switch
    {
        F.FirstName => input with { FirstNameOrInitials = value },
        F.Languages => input with { Languages = value },
        F.Area => input with { Area = value },
        F.ContactChannel => input with { ContactChannel = value },
        F.BestTime => input with { BestTime = value },
        F.Phone => input with { PhoneNumber = value },
        F.Needs => input with { Needs = value },
        F.Note => input with { Note = value },
        F.ConsentGivenBy => input with { ConsentGivenBy = value },
        F.ConsentMethod => input with { ConsentMethod = value },
        F.ConsentDate => input with { ConsentDate = value },
        F.ConsentLanguage => input with { ConsentLanguage = value },
        F.ConsentConfirmed => input with { ConsentConfirmed = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
