using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Tests.Partners;

public class PersonEligibilityTests
{
    public static TheoryData<bool, bool, bool, ProjectRole?, string?> Matrix()
    {
        var data = new TheoryData<bool, bool, bool, ProjectRole?, string?>();
        ProjectRole?[] roles = [.. Enum.GetValues<ProjectRole>().Select(r => (ProjectRole?)r), null];
        foreach (var exists in new[] { true, false })
        {
            foreach (var enabled in new[] { true, false })
            {
                foreach (var guest in new[] { true, false })
                {
                    foreach (var role in roles)
                    {
                        data.Add(exists, enabled, guest, role, Expected(exists, enabled, guest, role));
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_combination_of_tenant_facts_and_role_gets_its_answer(bool exists, bool enabled, bool guest, ProjectRole? role, string? expected)
    {
        Assert.Equal(expected, PersonEligibility.Refusal(new PersonInTenant(exists, enabled, guest), role));
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.Teacher)]
    [InlineData(ProjectRole.PartnerStaff)]
    public void A_guest_may_hold_every_role_but_coordinator(ProjectRole role)
    {
        var guest = new PersonInTenant(Exists: true, AccountEnabled: true, IsGuest: true);

        Assert.Null(PersonEligibility.Refusal(guest, role));
        Assert.Equal(PersonEligibility.GuestCoordinator, PersonEligibility.Refusal(guest, ProjectRole.Coordinator));
    }

    [Fact]
    public void Someone_not_in_the_tenant_is_refused_whatever_else_is_said_about_her()
    {
        Assert.Equal(PersonEligibility.NotFound, PersonEligibility.Refusal(PersonInTenant.Unknown, ProjectRole.NeighbourhoodMother));
        Assert.Equal(PersonEligibility.NotFound, PersonEligibility.Refusal(new PersonInTenant(false, true, false), ProjectRole.Teacher));
    }

    [Fact]
    public void A_disabled_account_is_refused_before_the_guest_rule()
    {
        Assert.Equal(PersonEligibility.Disabled, PersonEligibility.Refusal(new PersonInTenant(true, false, true), ProjectRole.Coordinator));
    }

    // Written out independently of the implementation's order of checks: the table the issue states.
    private static string? Expected(bool exists, bool enabled, bool guest, ProjectRole? role) =>
        !exists ? PersonEligibility.NotFound
        : !enabled ? PersonEligibility.Disabled
        : guest && role is ProjectRole.Coordinator ? PersonEligibility.GuestCoordinator
        : null;
}
