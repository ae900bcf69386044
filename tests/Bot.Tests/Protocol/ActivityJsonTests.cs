using System.Text.Json.Nodes;
using ChatSupport.Bot.Protocol;

namespace ChatSupport.Bot.Tests.Protocol;

public sealed class ActivityJsonTests
{
    [Fact]
    public void UnknownFieldsAndOpaquePayloadsSurviveARoundTrip()
    {
        const string json = """
            {"type":"message","id":"c7|0000003","timestamp":"2026-11-22T08:25:29.910Z","localTimestamp":"2026-11-22T16:25:29.910+08:00",
             "channelId":"webchat","from":{"id":"u1","name":"顾客","role":"user","futureField":{"a":1}},
             "conversation":{"id":"c7","tenantId":"t"},"text":"我的订单在哪里？","textFormat":"plain",
             "channelData":{"clientActivityID":"w9","nested":{"x":[1,2]}},
             "entities":[{"type":"ClientCapabilities","requiresBotState":true}],
             "attachments":[{"contentType":"application/vnd.microsoft.card.hero","content":{"title":"卡片"}}],
             "suggestedActions":{"to":["u1"],"actions":[{"type":"imBack","title":"是","value":"是"}]},
             "brandNewTopLevel":{"keep":"me"}}
            """;
        var activity = ProtocolJson.Deserialize(json)!;
        var back = JsonNode.Parse(ProtocolJson.Serialize(activity))!.AsObject();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), back), back.ToJsonString());
    }

    [Fact]
    public void WhatTheSerialiserWroteReadsBackAndIsWrittenAgainCharacterForCharacter()
    {
        // The Direct Line stream pushes activities as stored, where it used to read and re-serialise them.
        var activity = ProtocolJson.Deserialize("""
            {"type":"message","timestamp":"2026-11-22T16:25:29.91+08:00","localTimestamp":"2026-11-22T16:25:29.910+08:00",
             "from":{"id":"u1","name":"顾客","role":"user","futureField":{"a":1}},"conversation":{"id":"c7"},
             "text":"<b>\"引号\"</b> & 表情😀","channelData":{"clientActivityID":"w9"},
             "suggestedActions":{"to":["u1"],"actions":[{"type":"imBack","title":"是","value":"是"}]},"brandNewTopLevel":[1,"x"]}
            """)!;
        activity.Id = "c7|0000003";
        var stored = ProtocolJson.Serialize(activity);

        Assert.Equal(stored, ProtocolJson.Serialize(ProtocolJson.Deserialize(stored)!));
    }

    [Fact]
    public void NullsAreOmittedAndTimestampsAreUtcWithZ()
    {
        var activity = new Activity { Type = "typing", Timestamp = DateTimeOffset.Parse("2026-11-22T16:00:00+08:00") };
        var json = ProtocolJson.Serialize(activity);
        Assert.Equal("""{"type":"typing","timestamp":"2026-11-22T08:00:00.000Z"}""", json);
    }

    [Fact]
    public void AReplyGoesBackToTheSenderInTheSameConversation()
    {
        var incoming = new Activity
        {
            Type = "message", Id = "c1|0000002", ChannelId = "emulator", ServiceUrl = "http://localhost:5000",
            From = new ChannelAccount { Id = "user", Role = "user" }, Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = "c1" }, Locale = "zh-CN",
        };
        var reply = incoming.CreateReply("好的");
        Assert.Equal("bot", reply.From!.Id);
        Assert.Equal("user", reply.Recipient!.Id);
        Assert.Equal("c1|0000002", reply.ReplyToId);
        Assert.Equal("http://localhost:5000", reply.ServiceUrl);
    }
}
