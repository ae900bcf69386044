using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Routing;

/// <summary>
/// The lexicon view is computed once per message (<see cref="LexiconText"/>) and handed to the model and every
/// lexicon: reading a message through it must decide exactly what reading it afresh in each detector decides.
/// </summary>
public sealed class LexiconTextTests
{
    [Fact]
    public void The_view_is_the_folded_text_with_the_benign_compounds_blanked()
    {
        var text = ChineseNormalizer.Normalize("垃圾桶 氣炸鍋 真人實拍 转人工");
        var once = LexiconText.Of(text);
        Assert.Equal(EscalationDetector.LexiconView(text), once.View);
        Assert.DoesNotContain("垃圾", once.View);
        Assert.Contains("转人工", once.View);
    }

    [Fact]
    public void Every_detector_decides_the_same_from_the_shared_view_as_from_the_text()
    {
        var lines = IntentCorpus.Shipped.Select(e => e.Text)
            .Concat(["垃圾桶有盖吗", "售后几点上班", "人工客服周末在吗 现在转人工", "地址得换一下 还没发吧", "我在拼多多买的 坏了"]);
        foreach (var line in lines)
        {
            var text = ChineseNormalizer.Normalize(line);
            var view = LexiconText.Of(text);
            Assert.Equal(EscalationDetector.Detect(text), EscalationDetector.Detect(view));
            Assert.Equal(EscalationDetector.DetectComplaint(text), EscalationDetector.DetectComplaint(view));
            Assert.Equal(EscalationDetector.DetectAgentAvailabilityQuestion(text), EscalationDetector.DetectAgentAvailabilityQuestion(view));
            Assert.Equal(EscalationDetector.DetectOrderDetailsChange(text), EscalationDetector.DetectOrderDetailsChange(view));
            Assert.Equal(IntentClassifier.Shared.Predict(text).ToString(), IntentClassifier.Shared.Predict(view).ToString());
        }
    }
}
