using ChatSupport.Bot.Knowledge.Admin;

namespace ChatSupport.Bot.Tests.Knowledge;

/// <summary>The editor's preview is the loader's parser plus safe HTML: what the admin sees is what the bot will serve.</summary>
public sealed class FaqPreviewTests
{
    [Fact]
    public void AValidFileShowsItsTitleQuestionsAndAnswerWithNoProblems()
    {
        var preview = FaqPreview.Render("---\ntitle: 发什么快递？\nquestions:\n  - 默认快递\n  - 走哪家\ntags: [快递]\n---\n默认发**中通**。\n\n| 地区 | 天数 |\n| --- | --- |\n| 江浙沪 | 1 |\n");

        Assert.Equal("发什么快递？", preview.Title);
        Assert.Equal(["默认快递", "走哪家"], preview.Questions);
        Assert.Empty(preview.Problems);
        Assert.Contains("<strong>中通</strong>", preview.Html);
        Assert.Contains("<td>江浙沪</td>", preview.Html);
    }

    [Theory]
    [InlineData("title: x\n---\n答案", 1, "缺少 front matter")]
    [InlineData("---\ntitle: x\n答案", 1, "没有结束")]
    [InlineData("---\ncategory: c\n---\n答案", 2, "title")]
    [InlineData("---\ntitle: x\n---\n   \n", 4, "答案为空")]
    [InlineData("---\ntitle: [unclosed\n---\n答案", 3, "格式有误")]
    public void AFileTheLoaderWouldRefuseShowsTheLoadersLineAndReason(string content, int line, string reason)
    {
        var preview = FaqPreview.Render(content);
        var problem = Assert.Single(preview.Problems);
        Assert.StartsWith($"第 {line} 行：", problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void RawHtmlIsTextAndOnlyWebLinksSurvive()
    {
        var html = FaqPreview.Render("---\ntitle: x\n---\n<b onclick=alert(1)>粗</b> [a](javascript:alert(1)) [b](https://shop.example/x) [c](data:text/html,hi) ![p](https://img.example/p.png)\n").Html;

        Assert.Contains("&lt;b onclick=alert(1)&gt;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("data:", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("href=\"https://shop.example/x\"", html);
        Assert.Contains("target=\"_blank\"", html);
    }
}
