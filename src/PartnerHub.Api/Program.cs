using PartnerHub.Api;
using PartnerHub.Api.Administration;
using PartnerHub.Api.AuditTrail;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Course;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Health;
using PartnerHub.Api.Links;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Partners;
using PartnerHub.Api.People;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Reach;
using PartnerHub.Api.Outreach;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Reporting.Exports;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Supervision.MeetingAttendance;
using PartnerHub.Api.Supervision.OutlookPane;
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
// Request-path reads by key remembered briefly (Storage/ReadCaching): how long a change made elsewhere may go unseen.
builder.Services.AddOptions<ReadCacheOptions>().BindConfiguration(ReadCacheOptions.SectionName);
builder.Services.AddSingleton<ReadCache>();
builder.Services.AddHostedService<TableInitializer>();
// Uploaded files wait in a private blob container until the outbox sends them on (Storage/StagedFiles.cs).
builder.Services.AddSingleton<UlidGenerator>();
builder.Services.AddSingleton<StagedFileStore>();
builder.Services.AddHostedService<StagedFileMaintenance>();
builder.Services.AddSingleton<ConversationStore>();
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddSingleton(TimeProvider.System);

// Outbox: notifications leave through it, never from inside a card action (Storage/Outbox/README.md).
builder.Services.AddOutbox(builder.Configuration.GetSection(OutboxOptions.SectionName));
builder.Services.AddGraphNotifications(builder.Configuration); // Graph change notifications: Graph/Notifications/README.md.

// Microsoft Graph (Outlook calendar, SharePoint): the real gateways with credentials, the local demo ones without.
builder.Services.AddPartnerHubGraph(builder.Configuration);
builder.Services.AddPeopleSearch(); // Finding people by name for pickers (People/): Graph's directory, or the demo cast without Graph.

// People chosen for a project are checked in Entra (People/): Graph when configured, a local stand-in otherwise.
builder.Services.AddPeople(builder.Configuration);

// Continuation tokens handed to clients are Data Protection payloads bound to the list and the person (Storage/ContinuationTokens.cs).
builder.Services.AddDataProtection();
builder.Services.AddSingleton<ContinuationTokens>();

// The card plumbing the features share (Cards/): where cards live, sending new ones, updating them in place.
builder.Services.AddCards();

// The features: each registers itself from its own folder.
builder.Services.AddReferrals(builder.Configuration); // Referrals and onward referrals, with the retention sweep.
var calendarLinkKey = builder.Services.AddSupervision(builder.Configuration, builder.Environment); // Supervision sessions and their Outlook events.
builder.Services.AddMeetingAttendance(builder.Configuration); // Attendance proposed from the Teams meeting of an online session.
builder.Services.AddCourse(builder.Configuration); // The course: cohorts, attendance, teacher bookings, certificates.
builder.Services.AddDirectory(builder.Configuration); // Projects, the partner directory on cards, demo data when Demo:Seed.
builder.Services.AddReporting(builder.Configuration); // The funder report: service, threshold setting, programme leads (Reporting/README.md).
builder.Services.AddReach(); // Everyone gets her cards: the app installed for people added, the coordinators' reach report.
builder.Services.AddSubjectErasure(); // Erasure on request across features (Privacy/Subjects/ERASURE.md).
builder.Services.AddOutreach(builder.Configuration); // The neighbourhood mothers' outreach log: counts per month, no personal data.
builder.Services.AddAuditTrail(); // The coordinator's audit trail: who read or changed what (AuditTrail/README.md).
builder.Services.AddSubjectExport(); // Data-subject access (GDPR Art. 15): each feature adds its ISubjectDataSource (Privacy/README.md).

// REST API (Rest/README.md): Entra bearer tokens, problem details, OpenAPI + Scalar in Development.
builder.Services.AddPartnerHubRestApi(builder.Configuration, builder.Environment);

// The coordinator tab (Dashboard/README.md): Blazor server components, Teams SSO validated like the REST API's tokens.
builder.Services.AddPartnerHubDashboard(builder.Configuration, builder.Environment);

// The Outlook add-in pane (Supervision/OutlookPane/README.md): files under /addin, its config and REST.
builder.Services.AddOutlookPane();

// The bot: help cards, texts, language, personas.
builder.Services.AddBot();

// Administration (Administration/README.md): administrators (app role PartnerHub.Admin) create projects and appoint coordinators.
builder.Services.AddAdministration();

// Readiness (Health/): storage, and the Connector and Graph tokens when configured, at /health/ready.
builder.Services.AddHealth();

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
app.UseOutlookPane(); // The add-in pane's Content-Security-Policy on /addin.
app.UseAntiforgery();

app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
app.MapHealth(); // GET /health/ready: each check by name, 200 or 503.
app.MapBotMessages();
app.MapGraphNotifications(); // Graph change notifications: POST /api/graph/notifications and /api/graph/lifecycle.
app.MapSessionCalendarDownload(); // GET /calendar/{projectId}/{sessionId}.ics: anonymous, signed per recipient.
app.MapCourseDownloads(); // GET /calendar/{projectId}/course/{cohortId}/{bookingId}.ics and /certificates/…pdf: anonymous, signed.
app.MapPartnerHubDashboard(); // The coordinator tab at /dashboard and its static assets.
app.MapPartnerHubRestApi().MapAdministrationEndpoints(); // POST /api/admin/projects and …/coordinators: administrators only.
app.MapOutlookPane(); // GET /addin/config.json, and in the local demo the pane's API at /addin/demo/api.
app.MapPartnerHubRestApi().MapPaneApi(); // The add-in pane's REST: /api/me/projects, /api/me/outlook-events/…, attendance, minutes text.
app.MapPartnerHubRestApi().MapPeopleEndpoints(); // GET /api/people?search=…: coordinators and administrators find a person's object id by name.
app.MapPartnerHubRestApi().MapReportEndpoints().MapProgrammeLeadEndpoints(); // The funder report as JSON, its threshold, programme leads.
app.MapPartnerHubRestApi().MapProjectEndpoints().MapReferralEndpoints().MapOnwardEndpoints().MapDirectoryEndpoints().MapSessionEndpoints().MapCourseEndpoints(); // REST API endpoints.
app.MapPartnerHubRestApi().MapErasureEndpoints(); // POST /api/projects/{p}/privacy/…/erasure: coordinators only.
app.MapPartnerHubRestApi().MapOutreachEndpoints(); // /api/projects/{p}/outreach: a mother's log, the coordinator's month counts.
app.MapPartnerHubRestApi().MapAuditTrailEndpoints(); // GET /api/projects/{p}/audit: the audit trail, JSON or CSV, coordinators only.
app.MapPartnerHubRestApi().MapSubjectExportEndpoints(); // GET /api/projects/{p}/privacy/referrals/{id}/export and …/people/{objectId}/export: coordinators.
app.MapPartnerHubRestApi().MapReportExportEndpoints(); // GET /api/projects/{p}/report.xlsx|csv|pdf and /api/programme/report.…: the funder report.

app.Run();

public partial class Program;
