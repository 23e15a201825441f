using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Partners;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The course workflow's stage: the real host (Production mode, real token validation) with a movable clock, Graph
/// and the Bot Connector in WireMock, tables in Azurite, the outbox swept by hand. The project and its people are
/// <see cref="ReferralScenario"/>'s (Karen coordinates), plus Lidia, a teacher on the course. Every activity is signed
/// at the clock's time, so the bot's token check (on the injected clock) agrees with the story's calendar.
/// </summary>
internal sealed class CourseWorkflowScenario : IDisposable
{
    public const string EventId = "AAMkAD-workflow-event";
    public const string CertificateWebUrl = "https://vollsmose.sharepoint.example/Referater/bevis.pdf";

    public static readonly Person Teacher = new("29:teacher-lidia", "7e0a1b2c-0000-4000-8000-0000000000f1", "a:chat-teacher-lidia");
    public const string TeacherMail = "lidia@sundhedsplejen.example";

    private int _posted;

    public CourseWorkflowScenario()
    {
        // Starts at the real "now": the seeding's messages are signed by the real clock.
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Host = new BotHost
        {
            Customize = builder =>
            {
                Graph.Configure(builder);
                builder.UseSetting("Graph:DriveId", GraphStub.DriveId);
                builder.UseSetting("Graph:PublicBaseUrl", CourseGraphHost.PublicBaseUrl);
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
            },
        };

        // Every card the bot posts gets an id of its own, as in Teams: a later update (PUT) must name the right one.
        Host.Connector.ResetMappings();
        Host.Connector.Given(Request.Create().WithPath("/teams/v3/*").UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(request => new ResponseMessage
            {
                StatusCode = request.Method == "POST" ? 201 : 200,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new BodyData
                {
                    DetectedBodyType = BodyType.String,
                    BodyAsString = new JsonObject { ["id"] = request.Method == "POST" ? "activity-" + Interlocked.Increment(ref _posted) : request.AbsolutePath[(request.AbsolutePath.LastIndexOf('/') + 1)..] }.ToJsonString(),
                },
            }));
    }

    public FakeTimeProvider Clock { get; }

    public GraphStub Graph { get; } = new();

    public BotHost Host { get; }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>The project, its people and the teacher, each of whom has talked to the bot once; Graph knows the accounts.</summary>
    public async Task SeedAsync(params (string ObjectId, string GivenName)[] accounts)
    {
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await new ReferralScenario(Host).SeedAsync();
        await Get<DirectoryStore>().UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Teacher.ObjectId, ProjectId, ProjectRole.Teacher, null, "Lidia"), CancellationToken.None);
        using (var hello = await PostAsync(Host.ActivityFrom("message", Teacher.ConversationId, (Teacher.UserId, Teacher.ObjectId), "hjælp")))
        {
            Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        }

        Graph.GivenUser(Teacher.ObjectId, TeacherMail, TeacherMail);
        foreach (var (objectId, givenName) in accounts)
        {
            Graph.GivenPerson(objectId, givenName, "Member", accountEnabled: true);
        }

        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = "040000008200E00074C5B7101A82E008-workflow" }));
        Graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"/v1.0/drives/{GraphStub.DriveId}/root:/*")).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-certificate", ["webUrl"] = CertificateWebUrl, ["size"] = 1000 }));
        Host.Connector.ResetLogEntries();
        Graph.Server.ResetLogEntries();
    }

    /// <summary>A message in her personal chat; the card the bot answered with and the id Teams gave it.</summary>
    public async Task<(JsonObject Card, string ActivityId)> SayAsync(Person person, string text)
    {
        var before = Sent().Count;
        using var response = await PostAsync(Host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId), text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Sent().Skip(before));
        return (reply.Card!, reply.ActivityId!);
    }

    /// <summary>She presses an Action.Execute button on the card with this activity id; the card the bot answered with.</summary>
    public async Task<JsonObject> ActAsync(Person person, string verb, JsonObject data, string cardActivityId)
    {
        var invoke = Host.ActivityFrom("invoke", person.ConversationId, (person.UserId, person.ObjectId));
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = cardActivityId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        using var response = await PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Card(await response.JsonAsync());
    }

    /// <summary>Runs the outbox until nothing more is due now, as the dispatcher's sweeps would.</summary>
    public async Task DeliverAllAsync()
    {
        while (await Get<PartnerHub.Api.Storage.Outbox.OutboxDispatcher>().SweepOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>What the bot sent the Connector since the log was last cleared, oldest first (every card checked well-formed).</summary>
    public IReadOnlyList<SentActivity> Sent()
    {
        _ = Host.ConnectorCalls();
        return [.. Host.Connector.LogEntries
            .OrderBy(entry => entry.RequestMessage.DateTime)
            .Select(entry =>
            {
                var body = entry.RequestMessage.Body is { Length: > 0 } text ? JsonNode.Parse(text) as JsonObject : null;
                var card = body?["attachments"]?[0]?["content"]?.AsObject();
                var id = entry.ResponseMessage.BodyData?.BodyAsString is { } answer ? (string?)JsonNode.Parse(answer)?["id"] : null;
                return new SentActivity(entry.RequestMessage.Method, entry.RequestMessage.AbsolutePath, card, id);
            })];
    }

    /// <summary>The cards sent into one person's chat (POST: new, PUT: updated in place).</summary>
    public IReadOnlyList<SentActivity> SentTo(Person person) =>
        [.. Sent().Where(s => s.Card is not null && s.Path.Contains("/conversations/" + person.ConversationId + "/", StringComparison.Ordinal))];

    public void ClearLogs()
    {
        Host.Connector.ResetLogEntries();
        Graph.Server.ResetLogEntries();
    }

    public void Dispose()
    {
        Host.Dispose();
        Graph.Dispose();
    }

    // Signed for the clock's "now": the token check runs on the injected clock, which the story moves on by months.
    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        var now = Clock.GetUtcNow();
        return await Host.PostActivityAsync(activity, "Bearer " + Host.Token(notBefore: now.AddMinutes(-1), expires: now.AddHours(1)));
    }

    public sealed record SentActivity(string Method, string Path, JsonObject? Card, string? ActivityId);
}
