using System.Collections.Concurrent;
using System.Diagnostics;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// Runs the whole referral workflow with canary personal data and proves none of it leaks into a log line, a trace
/// (span names, tags, events) or an audit row — the places operators and attackers read.
/// </summary>
public sealed class PersonalDataCanaryTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string CanaryName = "Kanarievogn";
    private const string CanaryPhone = "71234567";
    private const string CanaryNote = "kanarienote-blåmejse";
    private const string CanaryMotherNotes = "kanarienoter-gulspurv";

    private static readonly string[] Canaries = [CanaryName, CanaryPhone, "+45" + CanaryPhone, CanaryNote, CanaryMotherNotes];

    private readonly BotHost _host = new();
    private readonly ConcurrentQueue<string> _traces = new();
    private readonly ActivityListener _listener;

    public PersonalDataCanaryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _traces.Enqueue(activity.DisplayName);
                foreach (var (key, value) in activity.TagObjects)
                {
                    _traces.Enqueue($"{key}={value}");
                }

                foreach (var e in activity.Events)
                {
                    _traces.Enqueue(e.Name + string.Join(',', e.Tags.Select(t => $"{t.Key}={t.Value}")));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task No_log_line_trace_or_audit_row_contains_her_personal_data()
    {
        var scenario = new ReferralScenario(_host);
        await scenario.SeedAsync();

        // The whole loop, with canaries in every personal field, including a failed validation round.
        var form = await scenario.SayAsync(Kindergarten, "henvis");
        var bad = ReferralWorkflowTests.FormData(form, firstName: CanaryName + "7", note: CanaryNote, phone: CanaryPhone);
        await scenario.ActAsync(Kindergarten, "referral.submit", bad, "form-message");
        var status = Card(await scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form, firstName: CanaryName, note: CanaryNote, phone: CanaryPhone), "form-message"));
        Assert.Contains(CanaryName, Text(status), StringComparison.Ordinal);
        await scenario.DeliverAsync();
        var triage = _host.ConnectorCalls().Last(c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Mother.ObjectId;
        await scenario.ActAsync(Coordinator, "referral.assign", assign, "sent-1");
        await scenario.DeliverAsync();
        var motherCard = _host.ConnectorCalls().Last(c => c.Method == "POST" && c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var contacted = Card(await scenario.ActAsync(Mother, "referral.contact", ActionData(motherCard, "referral.contact"), "sent-1"));
        var notes = ActionData(contacted, "referral.notes");
        notes["notes"] = CanaryMotherNotes;
        var noted = Card(await scenario.ActAsync(Mother, "referral.notes", notes, "sent-1"));
        var close = ActionData(noted, "referral.close");
        close["outcome"] = nameof(ReferralOutcome.JoinedActivities);
        await scenario.ActAsync(Mother, "referral.close", close, "sent-1");
        await scenario.DeliverAsync();
        await scenario.SayAsync(Kindergarten, "mine henvisninger");

        // The canaries really went through the system (so their absence below means something): her notes come back on
        // the card she wrote them on (the invoke response; the outbox leaves that card alone), her name through the outbox.
        Assert.Contains(CanaryMotherNotes, Text(noted), StringComparison.Ordinal);
        Assert.Contains(_host.ConnectorCalls(), c => c.Body is { } body && Text(body).Contains(CanaryName, StringComparison.Ordinal));
        Assert.NotEmpty(_host.Logs.Lines);
        Assert.NotEmpty(_traces);

        foreach (var canary in Canaries)
        {
            Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(canary, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(_traces, tag => tag.Contains(canary, StringComparison.OrdinalIgnoreCase));
        }

        var auditRows = 0;
        foreach (var row in await TableRows.AllAsync(_host.Tables.Table("audit")))
        {
            auditRows++;
            var values = string.Join("|", row.Select(pair => pair.Key + "=" + pair.Value));
            foreach (var canary in Canaries)
            {
                Assert.DoesNotContain(canary, values, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.True(auditRows >= 5, $"expected the workflow's reads and changes in the audit, found {auditRows} rows");
    }
}
