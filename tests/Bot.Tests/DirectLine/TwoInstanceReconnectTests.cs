using ChatSupport.Bot.Tests.Support;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.DirectLine;

public sealed class TwoInstanceReconnectTests
{
    [Fact]
    public async Task AShopperReconnectingToAnotherInstanceSeesEveryActivityExactlyOnceInOrder()
    {
        using var redis = RedisServer.Start();
        await using var first = await BotHost.StartAsync(redis);
        await using var second = await BotHost.StartAsync(redis);
        await using var client = new DirectLineTestClient(first.BaseAddress);
        await client.StartAsync(BotHost.Secret);
        await client.ConnectStreamAsync();

        var seen = new List<string>();
        async Task DrainAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var a = await client.NextAsync(x => x["type"]!.GetValue<string>() != "typing");
                seen.Add(a["id"]!.GetValue<string>());
            }
        }

        await DrainAsync(1); // greeting
        await client.PostMessageAsync("几天能到");
        await DrainAsync(2); // echo + answer
        var watermark = client.LastWatermark;

        // The socket drops; while the shopper is away, messages are posted through the other instance.
        await client.CloseStreamAsync();
        client.UseBaseAddress(second.BaseAddress);
        await client.PostMessageAsync("几天能到");
        await client.PostMessageAsync("随便聊聊");

        // Reconnect lands on the second instance with the last watermark it saw.
        await client.ReconnectAsync(watermark);
        await DrainAsync(4);
        // A message posted on the first instance reaches the socket held by the second.
        client.UseBaseAddress(first.BaseAddress);
        await client.PostMessageAsync("几天能到");
        await DrainAsync(2);

        Assert.Equal(9, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.OrderBy(id => id, StringComparer.Ordinal), seen);
        Assert.Empty(await DrainRestAsync(client));
    }

    private static async Task<List<string>> DrainRestAsync(DirectLineTestClient client)
    {
        var extra = new List<string>();
        try
        {
            while (true) extra.Add((await client.NextAsync(x => x["type"]!.GetValue<string>() != "typing", TimeSpan.FromMilliseconds(500)))["id"]!.GetValue<string>());
        }
        catch (OperationCanceledException)
        {
        }
        return extra;
    }
}
