using PartnerHub.Core.Partners;

namespace PartnerHub.Api.People;

/// <summary>What the organisation's directory says about one object id.</summary>
public abstract record PersonLookupResult
{
    private PersonLookupResult()
    {
    }

    /// <summary>The facts the eligibility rule (<see cref="PersonEligibility"/>) decides on.</summary>
    public abstract PersonInTenant InTenant { get; }

    /// <summary>
    /// An account of the tenant. <paramref name="GivenName"/> only suggests the first name a coordinator left empty;
    /// nothing else about her (mail, UPN, surname) is ever read.
    /// </summary>
    public sealed record Found(string ObjectId, string? GivenName, bool IsGuest, bool AccountEnabled) : PersonLookupResult
    {
        public override PersonInTenant InTenant => new(Exists: true, AccountEnabled, IsGuest);
    }

    /// <summary>No account of the tenant has this id.</summary>
    public sealed record NotFound : PersonLookupResult
    {
        public static readonly NotFound Instance = new();

        public override PersonInTenant InTenant => PersonInTenant.Unknown;
    }
}

/// <summary>
/// Looks a chosen person up in the organisation's directory: Graph when it is configured
/// (<see cref="Graph.GraphPersonLookup"/>), <see cref="LocalPersonLookup"/> otherwise.
/// </summary>
public interface IPersonLookup
{
    /// <param name="objectId">A normalised GUID (<see cref="DirectoryForms.NormaliseObjectId"/>); anything else is not found.</param>
    Task<PersonLookupResult> FindAsync(string objectId, CancellationToken cancellationToken);
}
