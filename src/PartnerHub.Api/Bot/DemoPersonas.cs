using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// The local demo's "act as": in the Agents Playground only the current user (Alex) can type, so a newcomer says
/// "demo: Megan" and from then on her messages and card actions are Megan's, until "demo: mig". Only in
/// <see cref="BotAuthenticationMode.AnonymousLoopback"/>: with real tokens nothing here ever switches anyone.
/// <para>
/// The switch is remembered per real person (table conversations, PartitionKey = tenant, RowKey =
/// <c>demoperson|{her object id}</c>) and applied to the activity before anything reads who sent it: the actor
/// resolver, card locations, conversation references, the minutes intake and the audit log all see one person.
/// Only the Entra object id changes; her Teams user id and conversation stay hers. So while she is Megan, Megan's
/// conversation reference is the newcomer's own chat, and proactive cards for Megan (her referral's status, a session
/// invitation) arrive where the newcomer is. Those references stay after "demo: mig": a later card for Megan still
/// comes to this chat, which is what a one-person demo wants. Her first demo command also gives her chat to every
/// person of the project who has none yet, so a card for Adele (her assignment) reaches the newcomer even before she
/// has acted as Adele; without one the outbox would drop it for want of a conversation.
/// </para>
/// </summary>
public sealed class DemoPersonas(BotEndpointSettings settings, TableStore tables, ICallerDirectory callers, DirectoryStore directory, ConversationStore conversations, ChatTexts texts, ReadCache? cache = null)
{
    private const string RowPrefix = "demoperson|";

    // Read before every activity in the demo: remembered like other request-path reads; a switch here drops it.
    private readonly CachedReads<(string, string), string?> _personas = new(cache);

    public bool Enabled => settings.Mode == BotAuthenticationMode.AnonymousLoopback;

    private TableClient Table => tables.Table(TableNames.Conversations);

    /// <summary>The activity as the person she is acting as, or unchanged (always, outside the local demo).</summary>
    public async Task<Activity> ActAsAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!Enabled || activity.From?.AadObjectId is not { Length: > 0 } self || activity.TenantId is not { Length: > 0 } tenantId)
        {
            return activity;
        }

        var persona = await FindAsync(tenantId, self, cancellationToken);
        if (persona is null)
        {
            return activity;
        }

        var copy = JsonSerializer.Deserialize(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), ProtocolJsonContext.Default.Activity)!;
        copy.From!.AadObjectId = persona;
        return copy;
    }

    /// <summary>
    /// Answers "demo", "demo: Megan" and "demo: mig". Only called in the local demo. Null when she is in no project:
    /// she is a newcomer, answered with the newcomer card.
    /// </summary>
    public async Task<string?> AnswerAsync(BotCommand command, Activity activity, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(activity);
        if (!Enabled)
        {
            throw new InvalidOperationException("Demo personas exist only in the local Playground mode.");
        }

        var tenantId = activity.TenantId ?? string.Empty;
        var self = activity.From?.AadObjectId ?? string.Empty;
        var people = await PeopleAsync(tenantId, self, cancellationToken);
        var me = people.FirstOrDefault(p => p.Member.ObjectId == self);
        if (me is null)
        {
            return null;
        }

        await AdoptChatsAsync(activity, people, cancellationToken);
        switch (command.Kind)
        {
            case BotCommandKind.DemoSelf:
                await ForgetAsync(tenantId, self, cancellationToken);
                return texts.Format(language, "chat.demo.self", me.Member.FirstName);
            case BotCommandKind.DemoSwitch:
                var chosen = people.FirstOrDefault(p => SameName(p.Member.FirstName, command.Argument));
                if (chosen is null)
                {
                    return texts.Format(language, "chat.demo.unknownPerson");
                }

                if (chosen == me)
                {
                    await ForgetAsync(tenantId, self, cancellationToken);
                    return texts.Format(language, "chat.demo.self", me.Member.FirstName);
                }

                await _personas.WriteAsync((tenantId, self), () => Table.UpsertEntityAsync(new TableEntity(Partition(tenantId), RowKey(self)) { ["Persona"] = chosen.Member.ObjectId }, TableUpdateMode.Replace, cancellationToken));
                return texts.Format(language, "chat.demo.switched", chosen.Member.FirstName, Describe(chosen, language));
            default:
                var currentId = await FindAsync(tenantId, self, cancellationToken) ?? self;
                var current = people.FirstOrDefault(p => p.Member.ObjectId == currentId) ?? me;
                var lines = people.Select(p => "- " + p.Member.FirstName + " – " + Describe(p, language));
                return texts.Format(language, "chat.demo.intro", current.Member.FirstName) + "\n\n" + string.Join("\n", lines) + "\n\n" + texts.Format(language, "chat.demo.howTo");
        }
    }

    /// <summary>Her personal chat becomes the chat of every person of the project who has none yet.</summary>
    private async Task AdoptChatsAsync(Activity activity, IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        if (activity.Conversation is not { ConversationType: "personal", Id: { } conversationId } || activity.ServiceUrl is not { } serviceUrl)
        {
            return;
        }

        foreach (var person in people)
        {
            if (await conversations.FindReferenceAsync(activity.TenantId, person.Member.ObjectId, cancellationToken) is null)
            {
                await conversations.SaveReferenceAsync(
                    new ConversationReference(activity.TenantId, person.Member.ObjectId, serviceUrl, conversationId, activity.Recipient?.Id, activity.ChannelId, activity.From?.Id, activity.Locale),
                    cancellationToken);
            }
        }
    }

    private Task<string?> FindAsync(string tenantId, string self, CancellationToken cancellationToken) =>
        _personas.GetAsync((tenantId, self), async token =>
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId), RowKey(self), cancellationToken: token);
            return row.HasValue ? row.Value?.GetString("Persona") : null;
        }, cancellationToken);

    private async Task ForgetAsync(string tenantId, string self, CancellationToken cancellationToken)
    {
        await _personas.WriteAsync((tenantId, self), () => Table.DeleteEntityAsync(Partition(tenantId), RowKey(self), Azure.ETag.All, cancellationToken));
    }

    /// <summary>Everyone in her projects, herself included: the people she can act as.</summary>
    private async Task<IReadOnlyList<Person>> PeopleAsync(string tenantId, string self, CancellationToken cancellationToken)
    {
        var people = new List<Person>();
        if (tenantId.Length == 0 || self.Length == 0)
        {
            return people;
        }

        foreach (var membership in await callers.MembershipsAsync(tenantId, self, cancellationToken))
        {
            var organisations = await directory.OrganisationsAsync(membership.ProjectId, cancellationToken);
            foreach (var member in await directory.MembersAsync(membership.ProjectId, null, cancellationToken))
            {
                people.Add(new Person(member, organisations.FirstOrDefault(o => o.Id == member.OrganisationId)?.Name));
            }
        }

        return people.DistinctBy(p => p.Member.ObjectId).ToList();
    }

    private string Describe(Person person, string language)
    {
        var role = texts.Format(language, "directory.roles." + person.Member.Role);
        return person.Organisation is null ? role : role + ", " + person.Organisation;
    }

    private static bool SameName(string name, string? typed) =>
        typed is not null && CultureInfo.InvariantCulture.CompareInfo.Compare(name, typed.Trim(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;

    private static string Partition(string tenantId) => TableKeys.Escape(tenantId);

    private static string RowKey(string self) => RowPrefix + TableKeys.Escape(self);

    private sealed record Person(ProjectMember Member, string? Organisation);
}
