using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

/// <summary>Correcting a woman's details (GDPR Art. 16): who may correct which field, and the form's own checks.</summary>
public class ReferralCorrectionTests
{
    private static readonly string[] Areas = ["Vollsmose Øst", "Vollsmose Vest"];

    [Fact]
    public void The_coordinator_corrects_her_name_phone_and_note_and_nothing_else_changes()
    {
        var referral = Fixtures.InState(ReferralState.Contacted);
        var input = new ReferralCorrectionInput { FirstNameOrInitials = "Fatma", PhoneNumber = "87 65 43 21", Note = "" };

        var result = Apply(referral, input, Fixtures.Coordinator);

        Assert.True(result.Succeeded);
        var after = result.Referral!;
        Assert.Equal("Fatma", after.Person!.FirstNameOrInitials);
        Assert.Equal("+4587654321", after.Person.Contact.PhoneNumber);
        Assert.Null(after.Person.Note);
        Assert.Equal(referral.Person!.PreferredLanguages, after.Person.PreferredLanguages);
        Assert.Equal(referral.Consent, after.Consent);
        Assert.Equal((referral.State, referral.History, referral.MotherNotes, referral.Needs), (after.State, after.History, after.MotherNotes, after.Needs));
    }

    [Fact]
    public void The_assigned_mother_corrects_how_to_reach_her_but_not_the_note_or_the_consent()
    {
        var referral = Fixtures.InState(ReferralState.Assigned);
        var contact = Apply(referral, new ReferralCorrectionInput { ContactChannel = "AtProjectPlace", Languages = "so" }, Fixtures.Mother);
        Assert.True(contact.Succeeded);
        Assert.Equal(ContactChannel.AtProjectPlace, contact.Referral!.Person!.Contact.Channel);
        Assert.Null(contact.Referral.Person.Contact.PhoneNumber);

        var (note, _) = ReferralCorrection.Validate(referral, new ReferralCorrectionInput { Note = "Anden note", ConsentMethod = "Written" }, Areas);
        Assert.Equal(
            new Dictionary<string, string> { [ReferralForm.Fields.Note] = ReferralCorrection.NotAllowed, [ReferralForm.Fields.ConsentMethod] = ReferralCorrection.NotAllowed },
            ReferralCorrection.Refused(Fixtures.Mother, referral, note!));
        Assert.Equal(TransitionError.Forbidden, ReferralWorkflow.Apply(referral, note!, Fixtures.Mother, Fixtures.Now).Error);
    }

    [Fact]
    public void The_referrer_another_mother_and_another_project_may_correct_nothing()
    {
        var referral = Fixtures.InState(ReferralState.Assigned);
        Actor[] strangers =
        [
            Fixtures.ReferrerStaff,
            new(Fixtures.OtherMother, Fixtures.Project, ProjectRole.NeighbourhoodMother, null),
            Fixtures.Coordinator with { ProjectId = Fixtures.OtherProject },
            new("teacher-1", Fixtures.Project, ProjectRole.Teacher, null),
        ];
        foreach (var stranger in strangers)
        {
            Assert.Empty(ReferralCorrection.CorrectableBy(stranger, referral));
            Assert.Equal(TransitionError.Forbidden, Apply(referral, new ReferralCorrectionInput { FirstNameOrInitials = "Fatma" }, stranger).Error);
        }
    }

    [Fact]
    public void Invalid_values_are_refused_with_the_forms_error_codes()
    {
        var referral = Fixtures.InState(ReferralState.Accepted);
        var (command, errors) = ReferralCorrection.Validate(
            referral,
            new ReferralCorrectionInput { FirstNameOrInitials = "Fatma 2", PhoneNumber = "123", Area = "Gellerup", Note = "cpr 010203-1234" },
            Areas);

        Assert.Null(command);
        Assert.Equal(ReferralForm.Errors.InvalidName, errors[ReferralForm.Fields.FirstName]);
        Assert.Equal(ReferralForm.Errors.InvalidPhone, errors[ReferralForm.Fields.Phone]);
        Assert.Equal(ReferralForm.Errors.UnknownValue, errors[ReferralForm.Fields.Area]);
        Assert.Equal(ReferralForm.Errors.LooksLikeCpr, errors[ReferralForm.Fields.Note]);
    }

    [Theory]
    [InlineData("2026-03-02", null)]
    [InlineData("2026-02-01", null)]
    [InlineData("2026-03-03", ReferralForm.Errors.DateInFuture)]
    [InlineData("2026-01-30", ReferralForm.Errors.ConsentTooOld)]
    public void A_corrected_consent_date_must_have_been_current_when_she_was_referred(string date, string? error)
    {
        // Submitted 2 March 2026, corrected on the 10th: the date is checked against the 2nd.
        var (command, errors) = ReferralCorrection.Validate(Fixtures.InState(ReferralState.Submitted), new ReferralCorrectionInput { ConsentDate = date }, Areas);

        Assert.Equal(error, errors.GetValueOrDefault(ReferralForm.Fields.ConsentDate));
        Assert.Equal(error is null, command is not null);
    }

    [Fact]
    public void An_area_since_removed_from_the_project_stays_valid_when_it_is_not_corrected()
    {
        var (command, errors) = ReferralCorrection.Validate(Fixtures.InState(ReferralState.Submitted), new ReferralCorrectionInput { FirstNameOrInitials = "F." }, ["Vollsmose Vest"]);

        Assert.Empty(errors);
        Assert.Equal("Vollsmose Øst", command!.Person.Area);
    }

    [Fact]
    public void A_withdrawn_referral_has_nothing_left_to_correct()
    {
        var withdrawn = Fixtures.InState(ReferralState.Withdrawn);

        Assert.Empty(ReferralCorrection.CorrectableBy(Fixtures.Coordinator, withdrawn));
        var corrected = new CorrectedPerson(Fixtures.Person, Fixtures.Consent);
        Assert.Equal(TransitionError.InvalidTransition, ReferralWorkflow.Apply(withdrawn, corrected, Fixtures.Coordinator, Fixtures.Now).Error);
    }

    private static TransitionResult Apply(Referral referral, ReferralCorrectionInput input, Actor actor)
    {
        var (command, errors) = ReferralCorrection.Validate(referral, input, Areas);
        Assert.Empty(errors);
        return ReferralWorkflow.Apply(referral, command!, actor, Fixtures.Now);
    }
}
