using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>Maps a <see cref="Referral"/> to its table row and back. Personal columns are written as null once erased.</summary>
internal static class ReferralEntity
{
    public const string Prefix = "referral|";

    public static string RowKey(string referralId) => Prefix + referralId;

    public static TableEntity ToEntity(Referral referral)
    {
        var person = referral.Person;
        var consent = referral.Consent;
        return new TableEntity(referral.ProjectId, RowKey(referral.Id))
        {
            ["State"] = referral.State.ToString(),
            ["ReferrerObjectId"] = referral.ReferrerObjectId,
            ["ReferrerOrganisationId"] = referral.ReferrerOrganisationId,
            ["SubmittedAt"] = referral.SubmittedAt,
            ["Needs"] = (int)referral.Needs,
            ["AssignedMotherId"] = referral.AssignedMotherId,
            ["DeclineReason"] = referral.DeclineReason?.ToString(),
            ["Outcome"] = referral.Outcome?.ToString(),
            ["History"] = JsonSerializer.Serialize(referral.History.Select(e => new HistoryRow(e.State.ToString(), e.At, e.ByRole.ToString())).ToList()),
            ["ErasedAt"] = referral.ErasedAt,
            ["FirstName"] = person?.FirstNameOrInitials,
            ["Languages"] = person is null ? null : JsonColumn.Write(person.PreferredLanguages),
            ["Area"] = person?.Area,
            ["ContactChannel"] = person?.Contact.Channel.ToString(),
            ["BestTime"] = person?.Contact.BestTime.ToString(),
            ["Phone"] = person?.Contact.PhoneNumber,
            ["Note"] = person?.Note,
            ["ConsentGivenBy"] = consent?.GivenBy.ToString(),
            ["ConsentMethod"] = consent?.Method.ToString(),
            ["ConsentDate"] = consent?.GivenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ConsentLanguage"] = consent?.ExplainedInLanguage,
            ["ConsentRecordedBy"] = consent?.RecordedByObjectId,
            ["MotherNotes"] = referral.MotherNotes,
        };
    }

    public static Referral FromEntity(TableEntity entity)
    {
        var firstName = entity.GetString("FirstName");
        var person = firstName is null
            ? null
            : new ReferralPerson(
                firstName,
                JsonColumn.ReadList(entity.GetString("Languages")),
                entity.GetString("Area") ?? string.Empty,
                new ContactPreference(
                    ParseEnum<ContactChannel>(entity.GetString("ContactChannel")),
                    ParseEnum<ContactTime>(entity.GetString("BestTime")),
                    entity.GetString("Phone")),
                entity.GetString("Note"));
        var consentMethod = entity.GetString("ConsentMethod");
        var consent = consentMethod is null
            ? null
            : new Consent(
                ParseEnum<ConsentGivenBy>(entity.GetString("ConsentGivenBy")),
                ParseEnum<ConsentMethod>(consentMethod),
                DateOnly.ParseExact(entity.GetString("ConsentDate")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                entity.GetString("ConsentLanguage") ?? string.Empty,
                entity.GetString("ConsentRecordedBy") ?? string.Empty);
        var history = JsonSerializer.Deserialize<List<HistoryRow>>(entity.GetString("History") ?? "[]") ?? [];
        return new Referral
        {
            Id = entity.RowKey[Prefix.Length..],
            ProjectId = entity.PartitionKey,
            State = ParseEnum<ReferralState>(entity.GetString("State")),
            ReferrerObjectId = entity.GetString("ReferrerObjectId") ?? string.Empty,
            ReferrerOrganisationId = entity.GetString("ReferrerOrganisationId") ?? string.Empty,
            SubmittedAt = entity.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue,
            Needs = (NeedCategories)(entity.GetInt32("Needs") ?? 0),
            AssignedMotherId = entity.GetString("AssignedMotherId"),
            DeclineReason = entity.GetString("DeclineReason") is { } reason ? ParseEnum<DeclineReason>(reason) : null,
            Outcome = entity.GetString("Outcome") is { } outcome ? ParseEnum<ReferralOutcome>(outcome) : null,
            History = history.Select(h => new ReferralEvent(ParseEnum<ReferralState>(h.State), h.At, ParseEnum<ProjectRole>(h.ByRole))).ToList(),
            ErasedAt = entity.GetDateTimeOffset("ErasedAt"),
            Person = person,
            Consent = consent,
            MotherNotes = entity.GetString("MotherNotes"),
        };
    }

    private static T ParseEnum<T>(string? value)
        where T : struct, Enum => Enum.Parse<T>(value ?? throw new InvalidDataException($"Missing {typeof(T).Name} in a stored referral."));

    private sealed record HistoryRow(string State, DateTimeOffset At, string ByRole);
}
