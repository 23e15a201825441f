namespace PartnerHub.Core.Partners;

/// <summary>What the organisation's directory (Entra) says about a person chosen for a project.</summary>
/// <param name="Exists">She is an account of the project's tenant.</param>
/// <param name="AccountEnabled">Her account may sign in.</param>
/// <param name="IsGuest">She is a guest (B2B) account, not one of the organisation's own.</param>
public sealed record PersonInTenant(bool Exists, bool AccountEnabled, bool IsGuest)
{
    public static readonly PersonInTenant Unknown = new(false, false, false);
}

/// <summary>
/// Who may be given a role in a project, one rule for the directory's card and REST and the administrators'
/// appointments: someone of the tenant whose account is enabled; a guest (a partner from another organisation, an
/// external teacher) may hold any role but coordinator, because a coordinator manages the directory and sees every
/// referral. Refusals are strings paths, keyed to the person field (<c>objectId</c>) like the other directory errors.
/// </summary>
public static class PersonEligibility
{
    /// <summary>The form field the refusal belongs beside: the person chosen.</summary>
    public const string Field = "objectId";

    public const string NotFound = "directory.errors.personNotFound";
    public const string Disabled = "directory.errors.personDisabled";
    public const string GuestCoordinator = "directory.errors.guestCoordinator";

    /// <param name="role">The role she is to have; null when the form's role is not valid (only the tenant rules apply then).</param>
    /// <returns>The strings path of the refusal, or null when she may have the role.</returns>
    public static string? Refusal(PersonInTenant person, ProjectRole? role)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!person.Exists)
        {
            return NotFound;
        }

        if (!person.AccountEnabled)
        {
            return Disabled;
        }

        return person.IsGuest && role == ProjectRole.Coordinator ? GuestCoordinator : null;
    }
}
