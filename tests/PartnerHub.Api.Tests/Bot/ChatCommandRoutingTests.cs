using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>Each feature answers its own message commands; the bot knows the words, not the features.</summary>
public sealed class ChatCommandRoutingTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Every_command_with_a_card_is_answered_by_exactly_one_feature()
    {
        using var host = new BotHost();

        var kinds = host.Services.GetServices<IChatCommandHandler>().SelectMany(h => h.Kinds).ToList();

        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.Equal(
            new[] { BotCommandKind.Directory, BotCommandKind.MyReferrals, BotCommandKind.NewSession, BotCommandKind.Refer, BotCommandKind.Sessions, BotCommandKind.Course, BotCommandKind.MyBookings, BotCommandKind.Outreach }.Order(),
            kinds.Order());
    }

    [Fact]
    public void Two_features_answering_one_command_fail_at_start_up_not_on_a_message()
    {
        using var host = new BotHost
        {
            Customize = builder => builder.ConfigureTestServices(services => services.AddChatCommandHandler<SecondReferralForm>()),
        };

        var refused = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<PartnerHubBot>());
        Assert.Contains("Refer", refused.Message, StringComparison.Ordinal);
    }

    private sealed class SecondReferralForm : IChatCommandHandler
    {
        public IReadOnlyCollection<BotCommandKind> Kinds { get; } = [BotCommandKind.Refer];

        public Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken) =>
            Task.FromResult<JsonObject?>(null);
    }
}
