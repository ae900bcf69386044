using ChatSupport.HandoffDashboard.Customers;

namespace ChatSupport.HandoffDashboard.Tests.Customers;

public sealed class CustomerBalanceTests
{
    private static BalanceCandidate Agent(string id, long load, params string[] skills) => new(id, "客服" + id, skills.ToHashSet(), load);

    [Fact]
    public void TheAgentCarryingFewestCustomersGetsTheNextOne()
    {
        var pick = CustomerBalance.Pick([Agent("a", 3, "general"), Agent("b", 1, "general"), Agent("c", 2, "general")], demanding: false);
        Assert.Equal("b", pick!.AgentId);
    }

    [Fact]
    public void ADemandingCustomerGoesToAnAgentWithTheComplaintsSkillEvenWhenBusier()
    {
        var agents = new[] { Agent("novice", 0, "general"), Agent("senior", 5, "general", "complaints") };
        Assert.Equal("senior", CustomerBalance.Pick(agents, demanding: true)!.AgentId);
        Assert.Equal("novice", CustomerBalance.Pick(agents, demanding: false)!.AgentId);
        // Nobody with the skill: the least loaded of everyone.
        Assert.Equal("x", CustomerBalance.Pick([Agent("y", 2, "general"), Agent("x", 1, "general")], demanding: true)!.AgentId);
    }

    [Fact]
    public void OnATieTheAblerAgentKeepsRoomForHardCases()
    {
        var agents = new[] { Agent("able", 1, "general", "after-sales", "complaints"), Agent("basic", 1, "general") , Agent("mid", 1, "general", "complaints") };
        Assert.Equal("basic", CustomerBalance.Pick(agents, demanding: false)!.AgentId);
        Assert.Equal("able", CustomerBalance.Pick(agents, demanding: true)!.AgentId);
    }

    [Fact]
    public void ABatchSpreadsEvenlyAndNobodyMeansNoAssignment()
    {
        var given = CustomerBalance.Distribute(Enumerable.Range(0, 7).Select(i => ($"c{i}", false)),
            [Agent("a", 0, "general"), Agent("b", 2, "general"), Agent("c", 0, "general")]);
        var counts = given.GroupBy(g => g.Agent.AgentId).ToDictionary(g => g.Key, g => g.Count());
        // Final loads a=3, b=2+1, c=3: as even as the starting loads allow.
        Assert.Equal(3, counts["a"]);
        Assert.Equal(1, counts["b"]);
        Assert.Equal(3, counts["c"]);
        Assert.Null(CustomerBalance.Pick([], demanding: false));
        Assert.Empty(CustomerBalance.Distribute([("c", false)], []));
    }
}
