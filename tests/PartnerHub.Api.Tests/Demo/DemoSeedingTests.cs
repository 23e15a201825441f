using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Demo;

public sealed class DemoSeedingTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Each_feature_adds_its_seed_and_one_seeding_service_only_when_Demo_Seed_is_true()
    {
        var on = Registered("true");
        Assert.Equal(2, on.Count(d => d.ServiceType == typeof(IDemoSeed)));
        Assert.Single(on, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DemoSeeding));

        var off = Registered("false");
        Assert.DoesNotContain(off, d => d.ServiceType == typeof(IDemoSeed) || d.ImplementationType == typeof(DemoSeeding));
    }

    [Fact]
    public async Task Seeds_run_in_their_order_whatever_order_they_were_registered_in()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var ran = new List<int>();
        IDemoSeed[] seeds = [new RecordingSeed(20, ran), new RecordingSeed(0, ran), new RecordingSeed(10, ran)];

        await new DemoSeeding(tables, seeds, TimeProvider.System, NullLogger<DemoSeeding>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal([0, 10, 20], ran);
    }

    private static List<ServiceDescriptor> Registered(string seed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Seed"] = seed }).Build();
        var services = new ServiceCollection();
        services.AddDemoSeed<RecordingSeedA>(configuration);
        services.AddDemoSeed<RecordingSeedB>(configuration);
        return [.. services];
    }

    private sealed class RecordingSeed(int order, List<int> ran) : IDemoSeed
    {
        public int Order => order;

        public Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            ran.Add(order);
            return Task.FromResult(1);
        }
    }

    private sealed class RecordingSeedA : IDemoSeed
    {
        public int Order => 1;

        public Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class RecordingSeedB : IDemoSeed
    {
        public int Order => 2;

        public Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
