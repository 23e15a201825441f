using PartnerHub.Api;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Teams.Cards;
using PartnerHub.Teams.Protocol;

// The only composition root: every adapter is chosen and wired here, nowhere else.
var builder = WebApplication.CreateBuilder(args);
DevelopmentOnlySettings.RefuseOutsideDevelopment(builder.Configuration, builder.Environment);

var botSection = builder.Configuration.GetSection("Bot");
var authenticationMode = BotHostingMode.Decide(
    builder.Environment.EnvironmentName,
    botSection["AppId"],
    botSection["TenantId"],
    botSection["ClientSecret"],
    BotHostingMode.ConfiguredUrls(builder.Configuration));

builder.Services.AddProblemDetails();
builder.Services.AddPartnerHubTelemetry(builder.Configuration);
builder.Services.AddSingleton(new BotEndpointSettings(authenticationMode));
var anonymous = authenticationMode == BotAuthenticationMode.AnonymousLoopback;
builder.Services.AddTeamsProtocol(botSection, anonymous);
if (anonymous)
{
    // The Playground's Connector lives at http://localhost:{port}/_connector; only this mode may reply there.
    builder.Services.PostConfigure<BotAuthenticationOptions>(options => options.AllowLoopbackHttp = true);
}

builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
builder.Services.AddSingleton<TableStore>();
builder.Services.AddHostedService<TableInitializer>();
// Uploaded files wait in a private blob container until the outbox sends them on (Storage/StagedFiles.cs).
builder.Services.AddSingleton<UlidGenerator>();
builder.Services.AddSingleton<StagedFileStore>();
builder.Services.AddHostedService<StagedFileMaintenance>();
builder.Services.AddSingleton<ConversationStore>();
builder.Services.AddSingleton<ProjectStore>();
builder.Services.AddSingleton<DirectoryStore>();
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddSingleton(TimeProvider.System);

// Outbox: notifications leave through it, never from inside a card action (Storage/Outbox/README.md).
builder.Services.AddOutbox(builder.Configuration.GetSection(OutboxOptions.SectionName));
builder.Services.AddOutboxHandler<SendReferralCardHandler>();
builder.Services.AddOutboxHandler<UpdateReferralCardsHandler>();
builder.Services.AddOutboxHandler<MotherRemovedHandler>();
builder.Services.AddOutboxHandler<SendOnwardCardsHandler>();
builder.Services.AddOutboxHandler<UpdateOnwardCardsHandler>();
builder.Services.AddOutboxHandler<SendOnwardStatusHandler>();
builder.Services.AddGraphNotifications(builder.Configuration); // Graph change notifications: Graph/Notifications/README.md.

// Microsoft Graph (Outlook calendar, SharePoint): the real gateways with credentials, the local demo ones without.
builder.Services.AddPartnerHubGraph(builder.Configuration);

// Continuation tokens handed to clients are Data Protection payloads bound to the list and the person (Storage/ContinuationTokens.cs).
builder.Services.AddDataProtection();
builder.Services.AddSingleton<ContinuationTokens>();

// Referrals.
builder.Services.AddSingleton<ReferralStore>();
builder.Services.AddSingleton<CardLocationStore>();
builder.Services.AddSingleton<CardUpdater>();
builder.Services.AddSingleton<ProactiveCards>();
builder.Services.AddSingleton<ReferralService>();
builder.Services.AddSingleton<ReferralViews>();
builder.Services.AddSingleton<ReferralCardActions>();
builder.Services.AddSingleton<ICardActionHandler>(services => services.GetRequiredService<ReferralCardActions>());
builder.Services.AddSingleton<OnwardStore>();
builder.Services.AddSingleton<OnwardService>();
builder.Services.AddSingleton<OnwardViews>();
builder.Services.AddSingleton<OnwardCardActions>();
builder.Services.AddSingleton<ICardActionHandler>(services => services.GetRequiredService<OnwardCardActions>());
builder.Services.AddSingleton<ActorResolver>();
builder.Services.AddSingleton<LanguageResolver>();
builder.Services.AddSingleton<RetentionSweep>();
if (builder.Configuration.GetValue("Retention:Enabled", true))
{
    builder.Services.AddHostedService(services => services.GetRequiredService<RetentionSweep>());
}

// Supervision. Sessions mirror Outlook events; every Graph call and every card leaves through the outbox.
builder.Services.AddSingleton<SessionStore>();
// The signed .ics links on session cards: the key is required outside Development (Supervision/CalendarLinks.cs).
var calendarLinkKey = CalendarLinkKey.Resolve(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(new CalendarLinkSigner(calendarLinkKey.Key));
builder.Services.AddSingleton<CalendarLinks>();
builder.Services.AddSingleton<SessionService>();
builder.Services.AddSingleton<SessionViews>();
builder.Services.AddSingleton<SessionEventFactory>();
builder.Services.AddSingleton<SessionSystemWriter>();
builder.Services.AddSingleton<MinutesPublisher>();
builder.Services.AddSingleton<SessionCardActions>();
// Minutes files sent to the bot: fetched from Teams' downloadUrl with a guarded client (no token, no redirects, no URL in logs).
builder.Services.AddOptions<MinutesFileOptions>().BindConfiguration(MinutesFileOptions.SectionName);
builder.Services.AddSingleton<PendingAttachmentStore>();
builder.Services.AddSingleton<MinutesFileDownloader>();
builder.Services.AddSingleton<MinutesFileIntake>();
builder.Services.AddHttpClient(MinutesFileDownloader.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(15) })
    .RemoveAllLoggers();
builder.Services.AddSingleton<ICardActionHandler>(services => services.GetRequiredService<SessionCardActions>());
builder.Services.AddOutboxHandler<SessionGraphCreateHandler>();
builder.Services.AddOutboxHandler<SessionGraphUpdateHandler>();
builder.Services.AddOutboxHandler<SessionGraphCancelHandler>();
builder.Services.AddOutboxHandler<SessionGraphRespondHandler>();
builder.Services.AddOutboxHandler<SessionUploadMinutesHandler>();
builder.Services.AddOutboxHandler<SessionUploadMinutesFileHandler>();
builder.Services.AddOutboxHandler<SendSessionCardsHandler>();
builder.Services.AddOutboxHandler<SessionReminderHandler>();
builder.Services.AddOutboxHandler<UpdateSessionCardsHandler>();
builder.Services.AddSingleton<IOutboxFailureObserver, SessionFailureObserver>();
builder.Services.AddSingleton<OrganizerProjects>();
builder.Services.AddSingleton<ICalendarChangeSink, SessionCalendarSink>();

// Partner directory on cards (coordinators only).
builder.Services.AddSingleton<DirectoryCardActions>();
builder.Services.AddSingleton<ICardActionHandler>(services => services.GetRequiredService<DirectoryCardActions>());

if (builder.Configuration.GetValue<bool>("Demo:Seed"))
{
    builder.Services.AddHostedService<DemoData>();
}

// REST API (Rest/README.md): Entra bearer tokens, problem details, OpenAPI + Scalar in Development.
builder.Services.AddPartnerHubRestApi(builder.Configuration, builder.Environment);

// The coordinator tab (Dashboard/README.md): Blazor server components, Teams SSO validated like the REST API's tokens.
builder.Services.AddPartnerHubDashboard(builder.Configuration, builder.Environment);

builder.Services.AddSingleton(CardCatalog.Load(Path.Combine(AppContext.BaseDirectory, "cards")));
builder.Services.AddSingleton<HelpCards>();
builder.Services.AddSingleton<ChatTexts>();
builder.Services.AddSingleton<DemoPersonas>();
builder.Services.AddSingleton<ICardActionHandler>(services => services.GetRequiredService<HelpCards>());
builder.Services.AddSingleton<PartnerHubBot>();

var app = builder.Build();

if (authenticationMode == BotAuthenticationMode.AnonymousLoopback)
{
    BotHostingMode.LogAnonymousMode(app.Logger);
}

if (calendarLinkKey.Generated)
{
    CalendarLinkKey.LogGenerated(app.Logger);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePartnerHubRestApi(); // REST API: after the error pages, so 401/403 get problem bodies.
app.UsePartnerHubDashboard(); // The tab's frame-ancestors policy; then antiforgery, which Razor components require.
app.UseAntiforgery();

app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
app.MapBotMessages();
app.MapGraphNotifications(); // Graph change notifications: POST /api/graph/notifications and /api/graph/lifecycle.
app.MapSessionCalendarDownload(); // GET /calendar/{projectId}/{sessionId}.ics: anonymous, signed per recipient.
app.MapPartnerHubDashboard(); // The coordinator tab at /dashboard and its static assets.
app.MapPartnerHubRestApi().MapProjectEndpoints().MapReferralEndpoints().MapOnwardEndpoints().MapDirectoryEndpoints().MapSessionEndpoints(); // REST API endpoints.

app.Run();

public partial class Program;
