using System.Text.Json;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>
/// What the directory tells other features through the outbox, committed with the change itself: the directory knows
/// nothing of referrals or sessions, they react to these (a removed neighbourhood mother's women need another one).
/// </summary>
public static class DirectoryNotifications
{
    public const string MemberRemovedKind = "directory.member-removed";

    /// <param name="removedBy">The coordinator who removed her: she hears what is left to do.</param>
    public static OutboxMessage MemberRemoved(string objectId, ProjectRole role, string removedBy) =>
        new(MemberRemovedKind, JsonSerializer.Serialize(new MemberRemovedPayload(objectId, role.ToString(), removedBy)));

    public static MemberRemovedPayload Read(string json) =>
        JsonSerializer.Deserialize<MemberRemovedPayload>(json) ?? throw new InvalidDataException("Empty directory notification payload.");

    public sealed record MemberRemovedPayload(string ObjectId, string Role, string RemovedBy);
}
