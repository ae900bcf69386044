using System.Text;
using ChatSupport.Bot.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ChatSupport.Bot.Routing.ModelAssist;

/// <summary>
/// Asks the model which of a closed set of choices fits a shopper's message: a Semantic Kernel prompt function over
/// the configured chat client, with structured output (a JSON schema whose only property is an enum of the choices).
/// Returns the choice, or null on anything else; the caller keeps the offline decision then.
/// </summary>
public sealed class ModelRouteChooser
{
    private const string Template =
        """
        <message role="system">你是网店客服的分流助手。阅读顾客的消息，从【可选项】里选出唯一最合适的一项，只输出 JSON：{"choice":"所选项"}。
        规则：
        - 某个 FAQ 正好回答了顾客在问的问题：选这个 FAQ 的编号。
        - 顾客自己买的商品或自己的订单出了问题（坏了、不能用、少件、发错、破损、要退货换货退款）：选 after-sales。
        - 顾客在投诉、很生气、说要维权或举报：选 complaint。
        - 顾客要找人工、真人或专人客服：选 human。
        - 都不合适，或者消息和本店购物无关：选 fallback。
        不要回答顾客的问题，不要输出可选项以外的任何内容。</message>
        <message role="user">【顾客消息】{{$message}}
        【可选项】
        {{$choices}}</message>
        """;

    private readonly Kernel _kernel;
    private readonly KernelFunction _choose;
    private readonly TimeSpan _timeout;

    public ModelRouteChooser(IChatClient chatClient, TimeSpan timeout)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(chatClient);
        _kernel = builder.Build();
        _choose = KernelFunctionFactory.CreateFromPrompt(new PromptTemplateConfig(Template)
        {
            Name = "choose_route",
            Description = "Chooses the route for a low-confidence shopper message among a closed set",
        });
        _timeout = timeout;
    }

    /// <summary>The model's choice, or null when it answered outside the set, with garbage, failed or ran out of time.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> itself is cancelled.</exception>
    public async Task<ModelChoiceResult> ChooseAsync(string message, ModelRouteChoices choices, Func<string, FaqEntry?> faqById,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object>
            {
                ["temperature"] = 0,
                ["max_tokens"] = 60,
                ["response_format"] = choices.ResponseSchema(),
            },
        };
        var arguments = new KernelArguments(settings)
        {
            ["message"] = message,
            ["choices"] = DescribeChoices(choices, faqById),
        };
        try
        {
            // WaitAsync holds the deadline even if a client ignores cancellation.
            var result = await _kernel.InvokeAsync(_choose, arguments, deadline.Token).WaitAsync(_timeout, cancellationToken);
            var reply = result.GetValue<string>() ?? result.ToString();
            return choices.Parse(reply) is { } choice
                ? new ModelChoiceResult(choice, null)
                : new ModelChoiceResult(null, $"reply outside the allowed choices: {Truncate(reply)}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new ModelChoiceResult(null, ex is TimeoutException or OperationCanceledException ? $"no reply within {_timeout.TotalMilliseconds:F0} ms" : ex.Message);
        }
    }

    /// <summary>One line per choice; FAQs with their title, other phrasings and the start of the answer, so the model judges the content.</summary>
    internal static string DescribeChoices(ModelRouteChoices choices, Func<string, FaqEntry?> faqById)
    {
        var text = new StringBuilder();
        foreach (var candidate in choices.Faqs)
        {
            var faq = faqById(candidate.FaqId);
            text.Append("- ").Append(candidate.FaqId).Append("：FAQ「").Append(faq?.Title ?? candidate.Title).Append('」');
            if (faq is not null)
            {
                if (faq.Questions.Count > 0) text.Append("；也问：").Append(string.Join(" / ", faq.Questions.Take(3)));
                text.Append("；答案：").Append(Truncate(faq.PlainAnswer.ReplaceLineEndings(" ").Trim(), 80));
            }
            text.Append('\n');
        }
        text.Append("- after-sales：转售后客服（顾客自己的商品或订单有问题）\n");
        text.Append("- complaint：转客服处理投诉\n");
        text.Append("- human：转人工客服（顾客要找人）\n");
        text.Append("- fallback：以上都不合适");
        return text.ToString();
    }

    private static string Truncate(string? text, int length = 120) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + "…";
}

/// <summary>The model's choice (one of the allowed set), or null with why there is none.</summary>
public sealed record ModelChoiceResult(string? Choice, string? Failure);
