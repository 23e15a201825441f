using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.Outbox;

public class OutboxRegistrationTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddOutbox_binds_its_section_and_a_host_with_the_loop_disabled_starts_and_stops()
    {
        using var host = Build(new() { ["Outbox:Enabled"] = "false", ["Outbox:MaxAttempts"] = "4", ["Outbox:SweepInterval"] = "00:01:00" });

        await host.StartAsync();
        await host.StopAsync();

        var options = host.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        Assert.Equal((false, 4, TimeSpan.FromMinutes(1), "outbox"), (options.Enabled, options.MaxAttempts, options.SweepInterval, options.QueueName));
        Assert.IsType<LocalFirstOutboxNudge>(host.Services.GetRequiredService<IOutboxNudge>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), service => service is OutboxDispatcher);
    }

    [Theory]
    [InlineData("Outbox:MaxAttempts", "0")]
    [InlineData("Outbox:SweepInterval", "00:00:00")]
    [InlineData("Outbox:Jitter", "1.5")]
    [InlineData("Outbox:MaxDelay", "00:00:01")]
    public async Task Out_of_range_options_stop_the_host_at_start(string key, string value)
    {
        using var host = Build(new() { ["Outbox:Enabled"] = "false", [key] = value });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new TableStore(Options.Create(new StorageOptions
        {
            ConnectionString = AzuriteFixture.ConnectionString,
            TablePrefix = AzuriteFixture.NewPrefix(),
        })));
        builder.Services.AddOutbox(builder.Configuration.GetSection(OutboxOptions.SectionName));
        return builder.Build();
    }
}
