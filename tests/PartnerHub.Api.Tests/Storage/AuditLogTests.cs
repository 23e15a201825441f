using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Storage;

public class AuditLogTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset June = new(2026, 6, 30, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rows_read_back_newest_first_across_months_narrowed_to_one_person_or_one_record()
    {
        var clock = new FakeTimeProvider(June);
        var audit = new AuditLog(await AzuriteFixture.NewStoreAsync(), clock, NullLogger<AuditLog>.Instance);
        var project = "p-" + UniqueIds.Next(8);
        await audit.RecordAsync(project, "anna", "referral.read", "referral", "r1", allowed: true, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2)); // 1 July
        await audit.RecordAsync(project, "bo", "referral.accept", "referral", "r1", allowed: true, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await audit.RecordAsync(project, "anna", "referral.read", "referral", "r2'", allowed: false, CancellationToken.None);
        await audit.RecordAsync("other-" + project, "anna", "referral.read", "referral", "r1", allowed: true, CancellationToken.None);

        var all = await ReadAsync(audit, project, new AuditQuery(June.AddMonths(-1), June.AddMonths(1)));
        var anna = await ReadAsync(audit, project, new AuditQuery(June.AddMonths(-1), June.AddMonths(1), Actor: "anna"));
        var quoted = await ReadAsync(audit, project, new AuditQuery(June.AddMonths(-1), June.AddMonths(1), RecordType: "referral", RecordId: "r2'"));
        var julyOnly = await ReadAsync(audit, project, new AuditQuery(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), June.AddMonths(1), RecordType: "referral", RecordId: "r1"));

        Assert.Equal(["r2'", "r1", "r1"], all.Select(e => e.RecordId));
        Assert.Equal(["bo", "anna"], all.Where(e => e.RecordId == "r1").Select(e => e.Actor));
        Assert.Equal(["r2'", "r1"], anna.Select(e => e.RecordId));
        Assert.False(Assert.Single(quoted).Allowed);
        Assert.Equal("referral.accept", Assert.Single(julyOnly).Action);
        Assert.Equal(June, all[^1].At);
    }

    private static async Task<List<AuditEntry>> ReadAsync(AuditLog audit, string project, AuditQuery query)
    {
        var found = new List<AuditEntry>();
        await foreach (var entry in audit.ReadAsync(project, query, CancellationToken.None))
        {
            found.Add(entry);
        }

        return found;
    }
}
