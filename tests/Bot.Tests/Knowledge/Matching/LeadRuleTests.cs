using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// A clean FAQ far ahead of the rest that explains the message's own subject words is answered below the absolute
/// answer threshold (context around the question dilutes the score); how low is learnt from off-topic messages.
/// </summary>
public class LeadRuleTests
{
    private static readonly FaqEntry Faq = new("x", "茶壶怎么清洗？", [], "care", [], "清水冲洗。", "x.md");

    private static MatchCandidate Candidate(double score, double content = 0.2, double penalty = 1) =>
        new(Faq, score, 0.3, 0.2, penalty) { ContentShare = content };

    [Fact]
    public void HoldsOnlyForACleanClearLeadWithContentWords()
    {
        var rule = new LeadRule { MinRatio = 1.5, MinContentShare = 0.05 };
        Assert.True(rule.Holds(Candidate(0.24), 0.12));
        Assert.False(rule.Holds(Candidate(0.24), 0.2), "too close to the runner-up");
        Assert.False(rule.Holds(Candidate(0.24, content: 0), 0.05), "only function, everyday or question words shared");
        Assert.False(rule.Holds(Candidate(0.24, penalty: 0.6), 0.05), "the message names a term the FAQ lacks");
    }

    [Fact]
    public void TheLeadThresholdSitsAboveOffTopicMessagesOfTheSameShapeBelowTheAnswerThreshold()
    {
        var calibration = new DecisionCalibration(0.4, 0.35, 0.3)
        {
            OffTopicMatches =
            [
                (Candidate(0.22), 0.05),           // lead-shaped: the lead must clear it
                (Candidate(0.30, content: 0), 0.02), // shares no content word: says nothing about the rule
                (Candidate(0.33), 0.30),           // no clear lead
                (Candidate(0.55), 0.10),           // above the answer threshold: answered anyway, not the rule's band
            ],
        };
        Assert.Equal(0.23, calibration.LeadThreshold(LeadRule.Default));
    }

    [Fact]
    public void TheLeadThresholdNeverGoesBelowItsFloorAndIsOffWithoutCalibration()
    {
        var quiet = new DecisionCalibration(0.4, 0.35, 0.3) { OffTopicMatches = [(Candidate(0.05), 0.01)] };
        Assert.Equal(DecisionCalibration.LeadFloor, quiet.LeadThreshold(LeadRule.Default));
        Assert.Equal(DecisionCalibration.Default.Answer, DecisionCalibration.Default.LeadThreshold(LeadRule.Default));
    }

    [Fact]
    public async Task ContentShareCountsSubjectWordsNotQuestionOrEverydayWords()
    {
        using var kb = new KnowledgeFolder();
        var index = (await kb.LoadAsync()).Index;
        var subject = FaqMatcher.Match(index, ChineseNormalizer.Normalize("紫砂壶能用洗洁精吗").Content, 3, new MatcherWeights());
        Assert.Equal("care/teapot-cleaning", subject[0].Faq.Id);
        Assert.True(subject[0].ContentShare > 0.05, $"{subject[0].ContentShare}");
        // Shares only an interrogative and an everyday word with the FAQs: no content pair at all.
        foreach (var c in FaqMatcher.Match(index, ChineseNormalizer.Normalize("明天月亮多少度").Content, 3, new MatcherWeights()))
            Assert.Equal(0, c.ContentShare);
    }

    [Fact]
    public async Task TheRouterAnswersALeadBelowTheAnswerThresholdAndStillClarifiesWithoutOne()
    {
        using var kb = new KnowledgeFolder();
        // A story around the question; the answer threshold set out of reach so only the lead rule can answer.
        const string story = "上周搬家朋友送了一把紫砂壶 放了好几天没用 能用洗洁精吗";
        var leading = await kb.RouterAsync(new RoutingOptions { AnswerThreshold = 0.95, ClarifyThreshold = 0.1, LeadThreshold = 0.1 });
        var decision = leading.Route(story, RoutingContext.FirstMessage);
        Assert.Equal(Route.Answer, decision.Route);
        Assert.Equal("care/teapot-cleaning", decision.FaqId);
        // With the rule off (lead threshold 1) the same message is a "did you mean".
        var off = await kb.RouterAsync(new RoutingOptions { AnswerThreshold = 0.95, ClarifyThreshold = 0.1, LeadThreshold = 1 });
        Assert.Equal(Route.Clarify, off.Route(story, RoutingContext.FirstMessage).Route);
        // Two FAQs about the same teapot, neither far ahead: no lead, a clarify.
        Assert.NotEqual(Route.Answer, leading.Route("茶壶", RoutingContext.FirstMessage).Route);
    }
}
