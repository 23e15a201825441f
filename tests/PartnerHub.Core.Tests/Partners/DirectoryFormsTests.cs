using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Tests.Partners;

/// <summary>The directory's fields, one rule for the card and REST: each error is the strings path shown beside the field.</summary>
public class DirectoryFormsTests
{
    private const string ObjectId = "3f2b8c1e-5d4a-4b7e-9c21-7a0d6e4f1b92";
    private static readonly Organisation[] Organisations = [new("solsikken", "vollsmose", OrganisationKind.Kindergarten, "Solsikken", false)];

    [Theory]
    [InlineData("jobcenter", "Jobcenter", "JobCentre", null, null)]
    [InlineData("Jobcenter!", "Jobcenter", "JobCentre", "id", "directory.errors.invalidId")]
    [InlineData("jobcenter", " ", "JobCentre", "name", "formErrors.required")]
    [InlineData("jobcenter", "Job\u0007center", "JobCentre", "name", "directory.errors.invalidText")]
    [InlineData("jobcenter", "Job\uFFFEcenter", "JobCentre", "name", "directory.errors.invalidText")] // was an exception (REST fuzzing)
    [InlineData("jobcenter", "Jobcenter", "jobcentre", "kind", "formErrors.unknownValue")]
    [InlineData("jobcenter", "Jobcenter", "5", "kind", "formErrors.unknownValue")]
    [InlineData("jobcenter", "Jobcenter", "", "kind", "formErrors.required")]
    public void An_organisation_is_refused_field_by_field(string id, string name, string kind, string? field, string? error)
    {
        var errors = DirectoryForms.Validate(new OrganisationInput(id, name, kind, "false"), out var organisation, "vollsmose");

        if (field is null)
        {
            Assert.Empty(errors);
            Assert.Equal(new Organisation(id, "vollsmose", OrganisationKind.JobCentre, name, false), organisation);
        }
        else
        {
            Assert.Equal(error, Assert.Single(errors, e => e.Key == field).Value);
            Assert.Single(errors);
            Assert.Null(organisation);
        }
    }

    [Theory]
    [InlineData("Coordinator", "", "Anne", null, null)]
    [InlineData("coordinator", "", "Anne", "role", "formErrors.unknownValue")]
    [InlineData("0", "", "Anne", "role", "formErrors.unknownValue")]
    [InlineData("PartnerStaff", "", "Anne", "organisationId", "directory.errors.organisationRequired")]
    [InlineData("PartnerStaff", "myretuen", "Anne", "organisationId", "formErrors.unknownValue")]
    [InlineData("NeighbourhoodMother", "", "Anne 2", "firstName", "directory.errors.invalidFirstName")]
    [InlineData("NeighbourhoodMother", "", "", "firstName", "formErrors.required")]
    [InlineData("NeighbourhoodMother", "", "\uFFFE", "firstName", "directory.errors.invalidFirstName")] // was an exception, a 500 (REST fuzzing)
    [InlineData("NeighbourhoodMother", "", "An\uD800ne", "firstName", "directory.errors.invalidFirstName")]
    public void A_person_is_refused_field_by_field(string role, string organisationId, string firstName, string? field, string? error)
    {
        var errors = DirectoryForms.Validate(new MemberInput(ObjectId, role, organisationId, firstName), ObjectId, Organisations, "vollsmose", out var member);

        if (field is null)
        {
            Assert.Empty(errors);
            Assert.NotNull(member);
        }
        else
        {
            Assert.Equal(error, Assert.Single(errors).Value);
            Assert.Equal(field, errors.Keys.Single());
            Assert.Null(member);
        }
    }

    [Fact]
    public void Only_partner_staff_keep_an_organisation()
    {
        DirectoryForms.Validate(new MemberInput(ObjectId, "NeighbourhoodMother", "solsikken", "Samira"), ObjectId, Organisations, "vollsmose", out var mother);
        DirectoryForms.Validate(new MemberInput(ObjectId, "PartnerStaff", "solsikken", "Mette"), ObjectId, Organisations, "vollsmose", out var staff);

        Assert.Null(mother!.OrganisationId);
        Assert.Equal("solsikken", staff!.OrganisationId);
    }
}
