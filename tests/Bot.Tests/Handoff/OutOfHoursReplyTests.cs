using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Tests.Support;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.Bot.Tests.Handoff;

/// <summary>
/// Outside business hours (default 09:00-23:00 Asia/Shanghai) the closed notice is an auto-reply that goes once per
/// conversation per store-local day; a real bot, real Redis and a controllable clock that crosses midnight.
/// </summary>
public sealed class OutOfHoursReplyTests : IAsyncLifetime
{
    // 23:50 in Shanghai: closed, ten minutes before the local day changes.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 23, 50, 0, TimeSpan.FromHours(8)));
    private RedisServer _redis = null!;
    private RunningApp _bot = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _bot = await BotHost.StartAsync(_redis, _clock, settings: [BotHost.NoIntake]);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task TheClosedNoticeGoesOncePerConversationPerDayAndAgainAfterMidnight()
    {
        await using var shopper = new DirectLineTestClient(_bot.BaseAddress);
        await shopper.StartAsync(BotHost.Secret);
        await shopper.ConnectStreamAsync();

        await shopper.PostMessageAsync("转人工");
        var first = Text(await shopper.NextAsync(DirectLineTestClient.BotSays("留言")));
        Assert.Contains("休息时间", first);
        await LeaveMessageAsync(shopper, "水壶底座不通电 电话 13812345678");

        // The same night, the same conversation: no second announcement, but still a way forward.
        _clock.Advance(TimeSpan.FromMinutes(3));
        await shopper.PostMessageAsync("转人工");
        var again = Text(await shopper.NextAsync(DirectLineTestClient.BotSays("留言")));
        Assert.Equal(HandoffWording.LeaveMessageAgain, again);
        Assert.DoesNotContain("休息时间", again);
        await LeaveMessageAsync(shopper, "还是不通电 电话 13812345678");

        // Another conversation the same night gets its own notice: the rule is per conversation.
        await using (var other = new DirectLineTestClient(_bot.BaseAddress))
        {
            await other.StartAsync(BotHost.Secret);
            await other.ConnectStreamAsync();
            await other.PostMessageAsync("转人工");
            Assert.Contains("休息时间", Text(await other.NextAsync(DirectLineTestClient.BotSays("留言"))));
        }

        // 00:05 the next local day, still closed: the notice is due again, once.
        _clock.Advance(TimeSpan.FromMinutes(12));
        await shopper.PostMessageAsync("转人工");
        Assert.Contains("休息时间", Text(await shopper.NextAsync(DirectLineTestClient.BotSays("留言"))));

        // The mark is the contract's key, named by the conversation and the store's local day.
        using var mux = _redis.Connect();
        var db = mux.GetDatabase();
        Assert.True(await db.KeyExistsAsync(OutOfHoursKeys.NoticeSent(shopper.ConversationId, new DateOnly(2026, 12, 1))));
        Assert.True(await db.KeyExistsAsync(OutOfHoursKeys.NoticeSent(shopper.ConversationId, new DateOnly(2026, 12, 2))));
    }

    private static async Task LeaveMessageAsync(DirectLineTestClient shopper, string message)
    {
        await shopper.PostMessageAsync(message);
        await shopper.NextAsync(DirectLineTestClient.BotSays("已为您登记留言"));
    }

    private static string Text(System.Text.Json.Nodes.JsonObject activity) => activity["text"]!.GetValue<string>();
}
