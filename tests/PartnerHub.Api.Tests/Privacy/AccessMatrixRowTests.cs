using System.Net;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Privacy;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Every row of <see cref="AccessMatrix"/> exercised against the real hosts: an endpoint with the role's real Entra
/// token (or none, or a signed link), a card verb posted to /api/messages as the role's person with a card of
/// project A, a tab page through the tab's one rule. A row added to the matrix is a test added here.
/// </summary>
[Collection(AccessMatrixHosts.Name)]
public sealed class AccessMatrixRowTests(MatrixWorld world)
{
    /// <summary>
    /// Verbs whose allowed answer needs state the seed does not make: an Outlook meeting waiting to be adopted, a failed
    /// Graph call to retry (their own tests: OutlookAsk and SessionWorkflow). Pressed without it, the coordinator gets
    /// the feature's "not found" card, which reads like a refusal, so here her row proves only that nothing happens.
    /// </summary>
    private static readonly string[] NeedsState = ["session.outlook.adopt", "session.retry"];

    public static TheoryData<string, AccessRole, AccessOutcome> EndpointRows => RowsOf(SurfaceKind.Endpoint);

    public static TheoryData<string, AccessRole, AccessOutcome> VerbRows => RowsOf(SurfaceKind.CardVerb);

    public static TheoryData<string, AccessRole, AccessOutcome> TabRows => RowsOf(SurfaceKind.TabPage);

    [Theory]
    [MemberData(nameof(EndpointRows))]
    public async Task Endpoint_answers_the_role_as_the_matrix_says(string surface, AccessRole role, AccessOutcome expected)
    {
        using var response = await MatrixCalls.CallAsync(world, surface, role, world.A);
        var status = (int)response.StatusCode;
        var seen = $"{surface} as {role}: {status} {await response.Content.ReadAsStringAsync()}";

        switch (expected)
        {
            case AccessOutcome.Allowed:
                // Let through: the feature answers (a 404 for a record hidden from her, a 4xx for the empty body), never the gate's refusal.
                Assert.True(status is not (401 or 403) && (status < 500 || (status == 503 && surface == "ANY /health/ready")), seen);
                break;
            case AccessOutcome.Unauthorized:
                Assert.True(status == (int)HttpStatusCode.Unauthorized, seen);
                break;
            case AccessOutcome.Forbidden:
                Assert.True(status == (int)HttpStatusCode.Forbidden, seen);
                break;
            default:
                Assert.True(status == (int)HttpStatusCode.NotFound, seen);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(VerbRows))]
    public async Task Card_action_answers_the_role_as_the_matrix_says(string verb, AccessRole role, AccessOutcome expected)
    {
        var answer = await MatrixCalls.InvokeAsync(world, MatrixCalls.PersonFor(world, world.A, role), verb, MatrixCalls.CardData(verb, world.A.Id, world.A));
        if (expected == AccessOutcome.Allowed && NeedsState.Contains(verb))
        {
            // Her allowed answer needs a record the seed does not make; the refusals of every other role are still asserted.
            Assert.Equal(AccessOutcome.ErrorCard, MatrixCalls.Outcome(answer));
            return;
        }

        Assert.True(expected == MatrixCalls.Outcome(answer), $"{verb} as {role}: expected {expected}, got {MatrixCalls.Text(answer)}");
    }

    [Theory]
    [MemberData(nameof(TabRows))]
    public void Tab_page_is_shown_to_the_role_as_the_matrix_says(string page, AccessRole role, AccessOutcome expected)
    {
        var asked = Enum.Parse<TabPage>(page);
        ProjectRole? projectRole = role switch
        {
            AccessRole.Coordinator => ProjectRole.Coordinator,
            AccessRole.NeighbourhoodMother => ProjectRole.NeighbourhoodMother,
            AccessRole.PartnerStaff => ProjectRole.PartnerStaff,
            AccessRole.Teacher => ProjectRole.Teacher,
            _ => null,
        };
        var administrator = role == AccessRole.Administrator;
        var lead = role == AccessRole.ProgrammeLead;

        var shown = TabPages.Shown(asked, projectRole, administrator, lead) == asked && TabPages.For(projectRole, administrator, lead).Contains(asked);

        Assert.Equal(expected == AccessOutcome.Allowed, shown);
    }

    private static TheoryData<string, AccessRole, AccessOutcome> RowsOf(SurfaceKind kind)
    {
        var data = new TheoryData<string, AccessRole, AccessOutcome>();
        foreach (var row in AccessMatrix.Rows.Where(r => r.Surface.Kind == kind))
        {
            data.Add(row.Surface.Name, row.Role, row.Expected);
        }

        return data;
    }
}
