using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Complaints;
using ChatSupport.HandoffDashboard.Tests.Reports;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.Handovers;

public sealed class HandoverTests
{
    [Fact]
    public async Task TheNextShiftSeesNotesOpenAndWaitingChatsCasesAndFollowUpsDueInOnePlace()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var leaving = await d.AgentAsync("xiaoli");
        // The supervisor of the next shift sees every open chat; an agent only their own (asserted below).
        var arriving = await d.SupervisorAsync("xiaowang");
        var colleague = await d.AgentAsync("xiaozhao");

        // A chat with an agent (seen through the streams), one waiting in the queue, a case, a follow-up due tomorrow.
        await d.Db.HashSetAsync(HandoffKeys.Conversation("conv-open"), ConversationFields.CustomerName, "张三");
        await HandoffStreams.AppendAsync(d.Db, new HandoffEvent { Kind = HandoffEventKinds.EscalationRequested, ConversationId = "conv-open", At = d.Clock.Now.AddMinutes(-30) });
        await HandoffStreams.AppendAsync(d.Db, new HandoffEvent { Kind = HandoffEventKinds.AgentJoined, ConversationId = "conv-open", AgentId = "xiaoli", At = d.Clock.Now.AddMinutes(-29) });
        await HandoffStreams.AppendAsync(d.Db, new HandoffEvent { Kind = HandoffEventKinds.CaseLeft, ConversationId = "conv-case", At = d.Clock.Now.AddHours(-1), Text = "想退货", Note = "微信 abc" });
        await d.Db.HashSetAsync(HandoffKeys.Conversation("conv-wait"), [new(ConversationFields.CustomerName, "李四"), new(ConversationFields.Reason, "complaint")]);
        await d.Db.SortedSetAddAsync(HandoffKeys.Queue, "conv-wait", QueueScore.For(HandoffReason.Complaint, d.Clock.Now));
        await leaving.PostAsJsonAsync("api/follow-ups", new { subject = "回访王女士", dueAt = d.Clock.Now.AddHours(20) });
        await leaving.PostAsJsonAsync("api/follow-ups", new { subject = "下周的回访", dueAt = d.Clock.Now.AddDays(5) });
        Assert.Equal(HttpStatusCode.BadRequest, (await leaving.PostAsJsonAsync("api/handovers", new { note = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await leaving.PostAsJsonAsync("api/handovers", new { note = "张三的退款还在等财务，<注意>别重复退" })).StatusCode);
        await Eventually.TrueAsync(() => HandoffStreams.AllConsumedAsync(d.Db), TimeSpan.FromSeconds(15), "streams consumed");

        d.Clock.Advance(TimeSpan.FromHours(1));
        var board = JsonSerializer.Deserialize<JsonElement>(await arriving.GetStringAsync("api/handovers"));

        var note = Assert.Single(board.GetProperty("notes").EnumerateArray());
        Assert.Equal("张三的退款还在等财务，<注意>别重复退", note.GetProperty("note").GetString());
        Assert.Equal("xiaoli", note.GetProperty("by").GetString());
        var open = Assert.Single(board.GetProperty("openChats").EnumerateArray());
        Assert.Equal(("conv-open", "xiaoli", "张三"), (open.GetProperty("conversationId").GetString(), open.GetProperty("agentId").GetString(), open.GetProperty("customerName").GetString()));
        Assert.Equal("李四", Assert.Single(board.GetProperty("waiting").EnumerateArray()).GetProperty("customerName").GetString());
        Assert.Equal("想退货", Assert.Single(board.GetProperty("cases").EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal("回访王女士", Assert.Single(board.GetProperty("followUpsDue").EnumerateArray()).GetProperty("subject").GetString());

        // Another agent's chat in progress is not on a colleague's board (its id would open it to them); the holder sees it.
        var colleagues = await colleague.GetStringAsync("api/handovers");
        Assert.Equal(0, JsonSerializer.Deserialize<JsonElement>(colleagues).GetProperty("openChats").GetArrayLength());
        Assert.DoesNotContain("conv-open", colleagues);
        Assert.Equal("conv-open", Assert.Single(JsonSerializer.Deserialize<JsonElement>(await leaving.GetStringAsync("api/handovers"))
            .GetProperty("openChats").EnumerateArray()).GetProperty("conversationId").GetString());

        // Once the chat closes it is no longer open.
        await HandoffStreams.AppendAsync(d.Db, new HandoffEvent { Kind = HandoffEventKinds.ConversationClosed, ConversationId = "conv-open", AgentId = "xiaoli", At = d.Clock.Now });
        await Eventually.TrueAsync(async () =>
            JsonSerializer.Deserialize<JsonElement>(await arriving.GetStringAsync("api/handovers")).GetProperty("openChats").GetArrayLength() == 0,
            TimeSpan.FromSeconds(15), "closed chat leaves the board");
    }
}
