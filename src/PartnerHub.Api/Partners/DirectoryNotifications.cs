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

    /// <summary>Someone was added to the project: she needs PartnerHub in her Teams (Reach/ installs it).</summary>
    public const string MemberAddedKind = "directory.member-added";

    /// <summary>Someone left the project (with <see cref="MemberRemovedKind"/>, which another feature handles): Reach/ forgets her.</summary>
    public const string MemberLeftKind = "directory.member-left";

    /// <summary>
    /// Someone became a coordinator (added as one, appointed, or her role changed to it): Supervision/ puts its Outlook
    /// category in her mailbox and follows her calendar, so a meeting she makes in Outlook can become a session.
    /// </summary>
    public const string CoordinatorJoinedKind = "directory.coordinator-joined";

    public static OutboxMessage CoordinatorJoined(string objectId) =>
        new(CoordinatorJoinedKind, JsonSerializer.Serialize(new MemberPayload(objectId)));

    public static OutboxMessage MemberAdded(string objectId) =>
        new(MemberAddedKind, JsonSerializer.Serialize(new MemberPayload(objectId)));

    public static OutboxMessage MemberLeft(string objectId) =>
        new(MemberLeftKind, JsonSerializer.Serialize(new MemberPayload(objectId)));

    public static MemberPayload ReadMember(string json) =>
        JsonSerializer.Deserialize<MemberPayload>(json) ?? throw new InvalidDataException("Empty directory notification payload.");

    /// <param name="removedBy">The coordinator who removed her: she hears what is left to do.</param>
    public static OutboxMessage MemberRemoved(string objectId, ProjectRole role, string removedBy) =>
        new(MemberRemovedKind, JsonSerializer.Serialize(new MemberRemovedPayload(objectId, role.ToString(), removedBy)));

    public static MemberRemovedPayload Read(string json) =>
        JsonSerializer.Deserialize<MemberRemovedPayload>(json) ?? throw new InvalidDataException("Empty directory notification payload.");

    public sealed record MemberRemovedPayload(string ObjectId, string Role, string RemovedBy);

    public sealed record MemberPayload(string ObjectId);
}
