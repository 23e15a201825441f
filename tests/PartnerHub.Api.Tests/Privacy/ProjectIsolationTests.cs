using System.Text.Json.Nodes;
using PartnerHub.Api.Privacy;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Two projects on one deployment: every member of project A (each role) and A's programme lead try every REST
/// endpoint, every card verb and the signed calendar links with project B's ids, both naming B and naming A with B's
/// records in it. Nothing of B (its names, titles, ids) may come back, every attempt naming B is refused, and B's rows
/// are the same afterwards (no allowed read or change audited in B either).
/// </summary>
[Collection(AccessMatrixHosts.Name)]
public sealed class ProjectIsolationTests(MatrixWorld world)
{
    private static readonly AccessRole[] PeopleOfA = [AccessRole.Coordinator, AccessRole.NeighbourhoodMother, AccessRole.PartnerStaff, AccessRole.Teacher, AccessRole.ProgrammeLead];

    [Fact]
    public async Task Nobody_of_project_A_reads_or_changes_anything_of_project_B()
    {
        var rowsBefore = await world.RowsNamingAsync(world.B.Id);
        var auditBefore = await world.AllowedAuditRowsAsync(world.B.Id);
        var leaks = new List<string>();

        await ByRestAsync(leaks);
        await ByCardAsync(leaks);
        await BySignedLinkAsync(leaks);

        Assert.Empty(leaks);
        var rowsAfter = await world.RowsNamingAsync(world.B.Id);
        Assert.Empty(rowsAfter.Except(rowsBefore).Select(row => "written: " + row).Concat(rowsBefore.Except(rowsAfter).Select(row => "gone: " + row)));
        Assert.Equal(auditBefore, await world.AllowedAuditRowsAsync(world.B.Id));
    }

    private async Task ByRestAsync(List<string> leaks)
    {
        var surfaces = AccessMatrix.Surfaces
            .Where(s => s.Kind == SurfaceKind.Endpoint && s.Name.Contains(" /api/", StringComparison.Ordinal)
                && !s.Name.Contains("/api/admin/", StringComparison.Ordinal) && !s.Name.Contains("/api/graph/", StringComparison.Ordinal) && !s.Name.EndsWith("/api/messages", StringComparison.Ordinal))
            .Select(s => s.Name);
        foreach (var surface in surfaces)
        {
            var namesProject = surface.Contains("{projectId}", StringComparison.Ordinal);
            foreach (var role in PeopleOfA)
            {
                // B's project with B's records, then A's project with B's records in it.
                await CheckRestAsync(leaks, surface, role, projectId: null, mustRefuse: namesProject);
                // A teacher and the programme lead reach next to nothing in A; the three who do try B's records there.
                if (namesProject && role is AccessRole.Coordinator or AccessRole.NeighbourhoodMother or AccessRole.PartnerStaff)
                {
                    await CheckRestAsync(leaks, surface, role, projectId: world.A.Id, mustRefuse: false);
                }
            }
        }
    }

    private async Task CheckRestAsync(List<string> leaks, string surface, AccessRole role, string? projectId, bool mustRefuse)
    {
        using var response = await MatrixCalls.CallAsync(world, surface, role, world.A, ids: world.B, projectId: projectId);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var path = response.RequestMessage?.RequestUri?.ToString() ?? string.Empty;
        var what = $"{surface} as {role} of A with B's ids{(projectId is null ? string.Empty : " in A")}";
        if (status >= 500 || (mustRefuse && status is not (403 or 404)))
        {
            leaks.Add($"{what}: {status}");
        }

        // The request's own path may be echoed (problem details' instance); nothing else of B may be. A's audit trail
        // lists what was tried in A, so the ids B's people or A's people sent there are A's record of it: only B's
        // names and titles must never show in it.
        IEnumerable<string> secrets = surface.EndsWith("/audit", StringComparison.Ordinal) ? [world.B.Marker] : world.B.Secrets;
        foreach (var secret in secrets.Where(secret => !path.Contains(secret, StringComparison.Ordinal) && body.Contains(secret, StringComparison.Ordinal)))
        {
            leaks.Add($"{what}: answer names B's {secret}");
        }
    }

    private async Task ByCardAsync(List<string> leaks)
    {
        foreach (var verb in AccessMatrix.Surfaces.Where(s => s.Kind == SurfaceKind.CardVerb).Select(s => s.Name))
        {
            var projectFree = verb.StartsWith("help.", StringComparison.Ordinal) || verb.StartsWith("welcome.", StringComparison.Ordinal);
            foreach (var role in PeopleOfA.Where(r => r != AccessRole.ProgrammeLead))
            {
                var objectId = MatrixCalls.PersonFor(world, world.A, role);
                var onB = await MatrixCalls.InvokeAsync(world, objectId, verb, MatrixCalls.CardData(verb, world.B.Id, world.B));
                if (!projectFree && MatrixCalls.Outcome(onB) != AccessOutcome.ErrorCard)
                {
                    leaks.Add($"{verb} as {role} of A on B's card: not refused: {MatrixCalls.Text(onB)}");
                }

                CheckCard(leaks, $"{verb} as {role} of A on B's card", onB);
                CheckCard(leaks, $"{verb} as {role} of A with B's records on A's card", await MatrixCalls.InvokeAsync(world, objectId, verb, MatrixCalls.CardData(verb, world.A.Id, world.B)));
            }
        }
    }

    /// <summary>A card may carry back the ids it was sent (its buttons' data); never B's names, titles, people or records it was not sent.</summary>
    private void CheckCard(List<string> leaks, string what, JsonObject answer)
    {
        var text = MatrixCalls.Text(answer);
        string[] neverSent = [world.B.Marker, world.B.CoordinatorId, world.B.MotherId, world.B.PartnerId, world.B.TeacherId, world.B.OutreachId];
        foreach (var secret in neverSent.Where(secret => text.Contains(secret, StringComparison.Ordinal)))
        {
            leaks.Add($"{what}: answer names B's {secret}");
        }
    }

    private async Task BySignedLinkAsync(List<string> leaks)
    {
        foreach (var surface in AccessMatrix.Surfaces.Where(s => s.Kind == SurfaceKind.Endpoint && MatrixCalls.IsSignedLink(MatrixCalls.Split(s.Name).Pattern)))
        {
            var pattern = MatrixCalls.Split(surface.Name).Pattern;
            // A's link (signed for A's record and person) on B's record; and B's record asked for with A's coordinator's token but no signature.
            var withAsSignature = world.B.Fill(pattern) + MatrixCalls.SignedQuery(world, pattern, world.A);
            using var signed = await world.Rest.GetAsync(withAsSignature, token: null);
            using var bearer = await world.Rest.GetAsync(world.B.Fill(pattern), world.TokenFor(world.A.CoordinatorId));
            foreach (var (response, what) in new[] { (signed, "A's signature"), (bearer, "A's token") })
            {
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 404 || body.Contains(world.B.Marker, StringComparison.Ordinal))
                {
                    leaks.Add($"{surface.Name} for B's record with {what}: {(int)response.StatusCode}");
                }
            }
        }
    }
}
