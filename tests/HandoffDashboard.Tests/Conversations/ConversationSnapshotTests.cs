using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Agents;
using ChatSupport.HandoffDashboard.Conversations;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Conversations;

public sealed class ConversationSnapshotTests
{
    [Fact]
    public void ReadsIsoAndUnixMillisecondTimes()
    {
        var at = new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.Zero);
        Assert.Equal(at, ConversationSnapshot.ParseTime(at.ToString("O")));
        Assert.Equal(at, ConversationSnapshot.ParseTime(at.ToUnixTimeMilliseconds().ToString()));
        Assert.Null(ConversationSnapshot.ParseTime("yesterday-ish"));
    }

    [Fact]
    public void ARequeuedChatKeepsItsPlaceByReasonAndEscalationTime()
    {
        var escalated = DateTimeOffset.UtcNow.AddMinutes(-7);
        var snapshot = ConversationSnapshot.From("c-1",
        [
            new HashEntry(ConversationFields.Status, "WithAgent"),
            new HashEntry(ConversationFields.Reason, "complaint"),
            new HashEntry(ConversationFields.EscalatedAt, escalated.ToString("O")),
        ])!;

        Assert.Equal(QueueScore.For(HandoffReason.Complaint, escalated), snapshot.QueueScore);
        Assert.Equal(ConversationStatus.WithAgent, snapshot.Status);
    }

    [Fact]
    public void AnUnknownReasonIsServedAsAGeneralRequest()
    {
        var snapshot = ConversationSnapshot.From("c-1", [new HashEntry(ConversationFields.Reason, "something-new")])!;
        Assert.Equal(HandoffReason.Human, snapshot.ReasonOrDefault);
        Assert.Equal(AgentSkills.General, AgentSkills.For(snapshot.ReasonOrDefault));
        Assert.Equal(AgentSkills.Complaints, AgentSkills.For(HandoffReason.Complaint));
        Assert.Equal(AgentSkills.AfterSales, AgentSkills.For(HandoffReason.AfterSales));
    }

    [Fact]
    public void AMissingHashIsNoConversation() => Assert.Null(ConversationSnapshot.From("c-1", []));
}
