using ChatSupport.HandoffDashboard.Complaints;

namespace ChatSupport.HandoffDashboard.Tests.Complaints;

public sealed class ComplaintFlowTests
{
    private static readonly string[] Categories = ["质量", "物流"];

    private static Complaint In(string state, string? validity = null) =>
        new() { Id = "TS1", State = state, OpenedBy = "a", Validity = validity };

    [Theory]
    [InlineData("受理", "判断")]
    [InlineData("调查", "方案")]
    [InlineData("审批", "实施")]
    [InlineData("实施", "回访")]
    [InlineData("回访", "归档")]
    public void EveryStepOfTheSeedsFlowIsInTheFlow(string from, string to)
    {
        var targets = ComplaintFlow.Targets(ComplaintStateNames.FromWireName(from)!.Value).Select(t => t.ToWireName());
        Assert.Contains(to, targets);
    }

    [Fact]
    public void SkippingAStepIsNotInTheFlowAndSaysWhereItCanGo()
    {
        var check = ComplaintFlow.Check(In("受理"), ComplaintState.Approved, new ComplaintTransitionRequest(), true, Categories);
        Assert.Equal(TransitionVerdict.NotInFlow, check.Verdict);
        Assert.Contains("判断", check.Reason);
    }

    [Fact]
    public void OnlySupervisorsApprovePlans()
    {
        Assert.Equal(TransitionVerdict.Forbidden,
            ComplaintFlow.Check(In("方案"), ComplaintState.Approved, new ComplaintTransitionRequest(), false, Categories).Verdict);
        Assert.Equal(TransitionVerdict.Ok,
            ComplaintFlow.Check(In("方案"), ComplaintState.Approved, new ComplaintTransitionRequest(), true, Categories).Verdict);
    }

    [Fact]
    public void AnInvalidComplaintIsArchivedFromJudgementButAValidOneIsNot()
    {
        Assert.Equal(TransitionVerdict.Ok,
            ComplaintFlow.Check(In("判断", "不成立"), ComplaintState.Archived, new ComplaintTransitionRequest(), false, Categories).Verdict);
        Assert.Equal(TransitionVerdict.NotInFlow,
            ComplaintFlow.Check(In("判断", "成立"), ComplaintState.Archived, new ComplaintTransitionRequest(), false, Categories).Verdict);
        Assert.Equal(TransitionVerdict.NotInFlow,
            ComplaintFlow.Check(In("判断", "不成立"), ComplaintState.Investigating, new ComplaintTransitionRequest(), false, Categories).Verdict);
    }

    [Fact]
    public void JudgingNeedsAValidityAndAReplyWhenNotValid()
    {
        var none = ComplaintFlow.Check(In("受理"), ComplaintState.Judged, new ComplaintTransitionRequest(), false, Categories);
        Assert.Equal(TransitionVerdict.Invalid, none.Verdict);
        Assert.Contains("validity", none.Errors!.Keys);

        var noReply = ComplaintFlow.Check(In("受理"), ComplaintState.Judged, new ComplaintTransitionRequest { Validity = "不成立" }, false, Categories);
        Assert.Contains("validityReply", noReply.Errors!.Keys);

        var unknownCategory = ComplaintFlow.Check(In("受理"), ComplaintState.Judged,
            new ComplaintTransitionRequest { Validity = "成立", Category = "天气" }, false, Categories);
        Assert.Contains("category", unknownCategory.Errors!.Keys);
    }

    [Fact]
    public void AFieldOfAnotherStepIsRefused()
    {
        var check = ComplaintFlow.Check(In("审批"), ComplaintState.Implemented, new ComplaintTransitionRequest { Plan = "换一个方案" }, true, Categories);
        Assert.Equal(TransitionVerdict.Invalid, check.Verdict);
        Assert.Contains("plan", check.Errors!.Keys);
    }

    [Fact]
    public void NextStepsTellAnAgentWhyApprovalIsNotTheirs()
    {
        var next = ComplaintFlow.NextSteps(In("方案"), isSupervisor: false);
        var approve = Assert.Single(next, n => n.To == "审批");
        Assert.False(approve.Allowed);
        Assert.Contains("主管", approve.Reason);
    }
}
