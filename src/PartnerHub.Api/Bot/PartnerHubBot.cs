using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// Routes a validated activity: messages to commands, installs to the welcome card, card actions to their feature's handler.
/// Logs carry activity types, verbs and ids only: never text, names or card data.
/// </summary>
public sealed partial class PartnerHubBot
{
    private readonly HelpCards _help;
    private readonly MinutesFileIntake _minutesFiles;
    private readonly ChatTexts _texts;
    private readonly DemoPersonas _personas;
    private readonly LanguageResolver _languages;
    private readonly Newcomers _newcomers;
    private readonly IConnectorClient _connector;
    private readonly ConversationStore _conversations;
    private readonly IPersonalChatListener[] _chatListeners;
    private readonly ILogger<PartnerHubBot> _logger;
    private readonly Dictionary<string, ICardActionHandler> _handlers;
    private readonly Dictionary<BotCommandKind, IChatCommandHandler> _commands = [];

    public PartnerHubBot(HelpCards help, IEnumerable<IChatCommandHandler> commands, MinutesFileIntake minutesFiles, ChatTexts texts, DemoPersonas personas, LanguageResolver languages, Newcomers newcomers, IEnumerable<ICardActionHandler> handlers, IConnectorClient connector, ConversationStore conversations, IEnumerable<IPersonalChatListener> chatListeners, ILogger<PartnerHubBot> logger)
    {
        _chatListeners = [.. chatListeners];
        _help = help;
        _minutesFiles = minutesFiles;
        _texts = texts;
        _personas = personas;
        _languages = languages;
        _newcomers = newcomers;
        _connector = connector;
        _conversations = conversations;
        _logger = logger;
        foreach (var feature in commands)
        {
            foreach (var kind in feature.Kinds)
            {
                // Two features answering one command is a wiring bug: fail at start-up, not on a user's message.
                if (!_commands.TryAdd(kind, feature))
                {
                    throw new InvalidOperationException($"Message command '{kind}' is handled twice.");
                }
            }
        }

        _handlers = new Dictionary<string, ICardActionHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var verb in handler.Verbs)
            {
                // Two features claiming one verb is a wiring bug: fail at start-up, not on a user's click.
                if (!_handlers.TryAdd(verb, handler))
                {
                    throw new InvalidOperationException($"Card action verb '{verb}' is handled twice.");
                }
            }
        }
    }

    /// <summary>Handles one activity. Returns the invoke response for invokes, null for everything else.</summary>
    public async Task<InvokeResponse?> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.InstallationUpdate when string.Equals(activity.Action, "add", StringComparison.OrdinalIgnoreCase):
                // Teams sends installationUpdate and conversationUpdate together on install; only the former welcomes,
                // so the reply is never a race between the two.
                await WelcomeOnceAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.ConversationUpdate when BotWasAdded(activity):
                await RememberPersonalChatAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.Invoke:
                return await OnInvokeOrTryAgainAsync(activity, cancellationToken);
            default:
                LogIgnored(activity.Type ?? "(none)");
                return null;
        }
    }

    private async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        await RememberPersonalChatAsync(activity, cancellationToken);
        var command = BotCommand.Parse(activity.Text);
        if (command.Kind is BotCommandKind.DemoList or BotCommandKind.DemoSwitch or BotCommandKind.DemoSelf && !_personas.Enabled)
        {
            // With real tokens there is no demo: "demo: Megan" is a message like any other it does not understand.
            command = new BotCommand(BotCommandKind.Unknown, null, Text: command.Text);
        }

        // One rule for every answer: her remembered choice, else her project's language. Neither the Teams locale nor
        // the language of the command word ("help" / "hjælp") changes it; both words work in either language.
        var language = await _languages.ForActivityAsync(activity, null, cancellationToken);
        LogMessage(command.Kind);
        if (command.Kind is BotCommandKind.DemoList or BotCommandKind.DemoSwitch or BotCommandKind.DemoSelf)
        {
            // Demo commands are about the real person at the keyboard, so they are read before she acts as anyone.
            if (await _personas.AnswerAsync(command, activity, language, cancellationToken) is { } demoAnswer)
            {
                await ReplyAsync(activity, demoAnswer, cancellationToken);
            }
            else
            {
                await ReplyWithCardAsync(activity, await NewcomerCardAsync(activity, language, cancellationToken), cancellationToken);
            }

            return;
        }

        var acting = await _personas.ActAsAsync(activity, cancellationToken);
        if (!ReferenceEquals(acting, activity))
        {
            // Her chat becomes the acted person's too, so proactive cards for that person arrive where she is.
            await RememberPersonalChatAsync(acting, cancellationToken);
            // She sees what the acted person would see, in that person's language (as her card actions do).
            language = await _languages.ForActivityAsync(acting, null, cancellationToken);
        }

        if (MinutesFileIntake.FileOf(acting) is { } file)
        {
            // A file sent to the bot: the minutes she said she would send, or a pointer to how to attach them.
            LogFileReceived();
            var answer = acting.CreateReply();
            answer.Attachments = [Attachment.AdaptiveCard(await _minutesFiles.ReceiveAsync(acting, file, language, cancellationToken))];
            await _connector.ReplyToActivityAsync(acting, answer, cancellationToken);
            return;
        }

        if (TextFor(command, language) is { } text)
        {
            await ReplyAsync(acting, text, cancellationToken);
            return;
        }

        await ReplyWithCardAsync(acting, await CardForAsync(command, acting, language, cancellationToken), cancellationToken);
    }

    private async Task ReplyWithCardAsync(Activity activity, JsonObject card, CancellationToken cancellationToken)
    {
        var reply = activity.CreateReply();
        reply.Attachments = [Attachment.AdaptiveCard(card)];
        await _connector.ReplyToActivityAsync(activity, reply, cancellationToken);
    }

    /// <summary>Someone in no project: not part of a project yet, and whom to ask (Newcomers). Nothing about her is logged.</summary>
    private Task<JsonObject> NewcomerCardAsync(Activity activity, string language, CancellationToken cancellationToken) =>
        _newcomers.CardAsync(activity.TenantId, language, cancellationToken);

    private Task<bool> IsNewcomerAsync(Activity activity, CancellationToken cancellationToken) =>
        _newcomers.IsNewcomerAsync(activity.TenantId, activity.From?.AadObjectId, cancellationToken);

    /// <summary>Greetings, thanks and anything not understood get a short text, never silence and never the help card.</summary>
    private string? TextFor(BotCommand command, string language) => command.Kind switch
    {
        BotCommandKind.Greeting => _texts.Greeting(language),
        BotCommandKind.Thanks => _texts.Thanks(language),
        BotCommandKind.Unknown => _texts.NotUnderstood(command, language),
        _ => null,
    };

    private async Task ReplyAsync(Activity activity, string text, CancellationToken cancellationToken) =>
        await _connector.ReplyToActivityAsync(activity, activity.CreateReply(text), cancellationToken);

    private async Task<JsonObject> CardForAsync(BotCommand command, Activity activity, string language, CancellationToken cancellationToken)
    {
        if (command.Kind is BotCommandKind.Help or BotCommandKind.Directory && await IsNewcomerAsync(activity, cancellationToken))
        {
            return await NewcomerCardAsync(activity, language, cancellationToken);
        }

        if (_commands.TryGetValue(command.Kind, out var feature))
        {
            return await feature.CardForAsync(command.Kind, activity, language, cancellationToken)
                ?? await NewcomerCardAsync(activity, language, cancellationToken);
        }

        return _help.Help(language);
    }

    private async Task WelcomeOnceAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            return;
        }

        await RememberPersonalChatAsync(activity, cancellationToken);
        if (!await _conversations.TryClaimWelcomeAsync(activity.TenantId, conversationId, cancellationToken))
        {
            LogWelcomeAlreadySent(activity.Type ?? string.Empty);
            return;
        }

        var welcome = activity.CreateReply();
        welcome.ReplyToId = null;
        var language = await _languages.ForActivityAsync(activity, null, cancellationToken);
        // Someone in no project is told so and whom to ask: a welcome offering a referral form she cannot use would mislead.
        welcome.Attachments = [Attachment.AdaptiveCard(await IsNewcomerAsync(activity, cancellationToken)
            ? await NewcomerCardAsync(activity, language, cancellationToken)
            : await _help.WelcomeAsync(activity.TenantId, activity.From?.AadObjectId, language, cancellationToken))];
        try
        {
            await _connector.SendToConversationAsync(activity.ServiceUrl!, conversationId, welcome, cancellationToken);
        }
        catch
        {
            // Unsent: give the claim back so the next install event can welcome instead of nobody.
            await _conversations.ReleaseWelcomeAsync(activity.TenantId, conversationId, CancellationToken.None);
            throw;
        }

        LogWelcomeSent(activity.Type ?? string.Empty);
    }

    /// <summary>
    /// A card action while storage cannot be reached answers with a "try again" card in her language, never a 500:
    /// every change commits in one transaction, so nothing is half-written, and a retry of the same action is applied once.
    /// </summary>
    private async Task<InvokeResponse> OnInvokeOrTryAgainAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            // A card action in the local demo is the person she is acting as ("demo: Megan"); elsewhere unchanged.
            return await OnInvokeAsync(await _personas.ActAsAsync(activity, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e, cancellationToken))
        {
            LogStorageUnavailable(e.GetType().Name);
            var language = await TryAgainLanguageAsync(activity, cancellationToken);
            return InvokeResponse.Card(_help.Error(language, _help.Text(language, "error.unavailable")));
        }
    }

    /// <summary>
    /// Her language if storage answers now. Her choice is kept in storage too, so failing that: the language of the card
    /// she pressed (cards carry it in their action data), else Danish, the default.
    /// </summary>
    private async Task<string> TryAgainLanguageAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            return await _languages.ForActivityAsync(activity, null, cancellationToken);
        }
        catch (Exception e) when (StorageFaults.IsUnavailable(e, cancellationToken))
        {
            return LanguageOfCard(activity) ?? Core.Localization.Languages.Danish;
        }
    }

    private static string? LanguageOfCard(Activity activity)
    {
        try
        {
            return activity.Value?.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue)?.Action?.Data is JsonObject data
                && data["language"] is JsonValue value && value.TryGetValue<string>(out var text)
                && Core.Localization.Languages.TryParse(text, out var language)
                ? language
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<InvokeResponse> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!string.Equals(activity.Name, AdaptiveCardInvokeValue.InvokeName, StringComparison.Ordinal))
        {
            LogIgnored("invoke " + (activity.Name ?? "(none)"));
            return new InvokeResponse { Status = 501 };
        }

        AdaptiveCardInvokeValue? value;
        try
        {
            value = activity.Value?.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue);
        }
        catch (JsonException)
        {
            value = null;
        }

        var language = await _languages.ForActivityAsync(activity, CardActionContext.ProjectIdOf(value), cancellationToken);
        var context = CardActionContext.From(activity, value, language);
        if (context is null)
        {
            return InvokeResponse.Error(400, "badRequest", _help.Text(language, "error.unknownAction"));
        }

        if (!_handlers.TryGetValue(context.Verb, out var handler))
        {
            LogUnknownVerb();
            if (await _newcomers.IsNewcomerAsync(context.TenantId, context.UserAadObjectId, cancellationToken))
            {
                return InvokeResponse.Card(await _newcomers.CardAsync(context.TenantId, context.Language, cancellationToken));
            }

            return InvokeResponse.Card(_help.Error(context.Language, _help.Text(context.Language, "error.unknownAction")));
        }

        LogCardAction(context.Verb);
        using var span = Telemetry.Source.StartActivity("card action");
        span?.SetTag("partnerhub.verb", context.Verb);
        var response = await handler.HandleAsync(context, cancellationToken);
        var outcome = response.Body?.Type;
        span?.SetTag("partnerhub.response", outcome);
        Telemetry.CardActions.Add(1, new KeyValuePair<string, object?>("verb", context.Verb), new KeyValuePair<string, object?>("response", outcome));
        return response;
    }

    private async Task RememberPersonalChatAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation is { ConversationType: "personal", Id: { } conversationId }
            && activity.From?.AadObjectId is { Length: > 0 } aadObjectId
            && activity.ServiceUrl is { } serviceUrl)
        {
            var saved = await _conversations.SaveReferenceAsync(
                new ConversationReference(activity.TenantId, aadObjectId, serviceUrl, conversationId, activity.Recipient?.Id, activity.ChannelId, activity.From.Id, activity.Locale),
                cancellationToken);
            if (saved)
            {
                await TellChatListenersAsync(activity.TenantId, aadObjectId, cancellationToken);
            }
        }
    }

    /// <summary>Her chat is known now: cards that waited for her go, and she is reachable (Cards/WaitingCards, Reach/).</summary>
    private async Task TellChatListenersAsync(string? tenantId, string aadObjectId, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var listener in _chatListeners)
            {
                await listener.OnPersonalChatSavedAsync(tenantId, aadObjectId, cancellationToken);
            }
        }
        catch
        {
            // Not remembered as saved, so Teams' retry of this activity (or her next message) tells them again.
            _conversations.ForgetSaved(tenantId, aadObjectId);
            throw;
        }
    }

    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Any(member => member.Id is not null && member.Id == activity.Recipient?.Id) == true;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored activity {ActivityType}")]
    private partial void LogIgnored(string activityType);

    // Debug, as is the card action's line below: a line per request was the console logger's queue that requests waited
    // on under load (issue 15, bench/README.md). Card actions are counted (partnerhub.card_actions) and traced anyway.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Message handled as {Command}")]
    private partial void LogMessage(BotCommandKind command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message with a file handled as a minutes file")]
    private partial void LogFileReceived();

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcome card sent on {ActivityType}")]
    private partial void LogWelcomeSent(string activityType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Welcome card already sent; {ActivityType} ignored")]
    private partial void LogWelcomeAlreadySent(string activityType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Card action {Verb}")]
    private partial void LogCardAction(string verb);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action answered with a try-again card: storage unavailable ({ExceptionType})")]
    private partial void LogStorageUnavailable(string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action with an unknown verb answered with an error card")]
    private partial void LogUnknownVerb();
}
