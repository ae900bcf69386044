using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Routing;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Tests.Knowledge;

/// <summary>A temporary knowledge folder with a small shop's FAQs (written for the tests, not the dev set), deleted on dispose.</summary>
public sealed class KnowledgeFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatsupport-kb-" + Guid.NewGuid().ToString("N"));

    public KnowledgeFolder(bool withSampleFaqs = true)
    {
        Directory.CreateDirectory(Path);
        if (!withSampleFaqs) return;
        Write("shipping/courier.md", Faq("你们发什么快递？", ["默认哪家快递", "可以发顺丰吗"], ["快递", "顺丰"], "默认发中通，顺丰需补差价 8 元。"));
        Write("shipping/delivery.md", Faq("下单后几天能收到？", ["快递要几天到", "多久能到货"], ["到货时间"], "江浙沪 1–2 天，其他地区 3–5 天。"));
        Write("policy/returns.md", Faq("支持七天无理由退换吗？", ["不喜欢可以退吗"], ["七天无理由", "退换"], "签收 7 天内，吊牌完好可无理由退换。"));
        Write("order/invoice.md", Faq("可以开发票吗？", ["发票怎么开"], ["发票", "抬头"], "可以开电子普通发票，下单时填写抬头。"));
        Write("product/teapot-capacity.md", Faq("茶壶容量是多少？", ["茶壶能装多少水"], ["茶壶", "容量"], "紫砂茶壶容量 300 毫升，适合 2–3 人。"));
        Write("care/teapot-cleaning.md", Faq("茶壶怎么清洗？", ["紫砂壶能用洗洁精吗"], ["茶壶", "清洗"], "紫砂壶用清水冲洗，不要用洗洁精。"));
        Write("_README.md", "admins' notes, not an FAQ");
    }

    public static string Faq(string title, string[] questions, string[] tags, string answer, string? id = null) =>
        "---\n" + (id is null ? "" : $"id: {id}\n") + $"title: {title}\nquestions:\n" + string.Concat(questions.Select(q => $"  - {q}\n")) +
        $"tags: [{string.Join(", ", tags)}]\n---\n{answer}\n";

    public void Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Delete(string relative) => File.Delete(System.IO.Path.Combine(Path, relative));

    public async Task<KnowledgeSnapshot> LoadAsync(KnowledgeSnapshot? previous = null) =>
        await new KnowledgeLoader(new LocalNGramEmbeddingGenerator()).LoadAsync(Path, previous);

    public async Task<MessageRouter> RouterAsync(RoutingOptions? options = null) =>
        new(new FixedKnowledgeSource(await LoadAsync()), Options.Create(options ?? new RoutingOptions()), Options.Create(new KnowledgeOptions()));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
