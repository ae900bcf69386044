using System.Text;

namespace ChatSupport.KnowledgeBenchmark;

/// <summary>Writes N synthetic FAQ files (varied Chinese vocabulary, 50 categories) for load and latency figures.</summary>
public static class GeneratedFaqs
{
    private static readonly string[] Products = ["羽绒服", "冲锋衣", "登山鞋", "帐篷", "睡袋", "背包", "手套", "帽子", "围巾", "袜子", "抓绒衣", "速干裤", "雨衣", "头灯", "水壶", "登山杖", "防晒衣", "滑雪服", "保温杯", "折叠椅"];
    private static readonly string[] Aspects = ["尺码", "颜色", "材质", "重量", "保暖", "防水", "透气", "价格", "库存", "发货", "清洗", "保养", "保修", "包装", "赠品", "优惠", "安装", "使用方法", "产地", "规格"];
    private static readonly string[] Askings = ["怎么选", "是多少", "有哪些", "怎么样", "能不能换", "多久", "在哪看", "怎么办", "好不好", "要注意什么"];
    private static readonly string[] Fillers = ["请问", "想知道", "麻烦说下", "亲", "咨询一下"];

    public static void Write(string folder, int count)
    {
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var product = Products[random.Next(Products.Length)];
            var aspect = Aspects[random.Next(Aspects.Length)];
            var dir = Path.Combine(folder, $"c{i % 50:D2}");
            Directory.CreateDirectory(dir);
            var sb = new StringBuilder();
            sb.AppendLine("---");
            sb.AppendLine($"title: {product}{i}号款的{aspect}{Askings[random.Next(Askings.Length)]}？");
            sb.AppendLine("questions:");
            for (var q = 0; q < 3; q++)
                sb.AppendLine($"  - {Fillers[random.Next(Fillers.Length)]}{product}{aspect}{Askings[random.Next(Askings.Length)]} 型号{i}");
            sb.AppendLine($"tags: [{product}, {aspect}, 型号{i}]");
            sb.AppendLine("---");
            sb.AppendLine($"亲，{product}（型号 {i}）的{aspect}说明：{string.Join("，", Enumerable.Range(0, 6).Select(_ => Aspects[random.Next(Aspects.Length)] + Askings[random.Next(Askings.Length)]))}。");
            sb.AppendLine($"- 详情见商品页第 {random.Next(1, 9)} 张图；");
            sb.AppendLine($"- 如有问题请联系客服。");
            File.WriteAllText(Path.Combine(dir, $"faq-{i:D5}.md"), sb.ToString());
        }
    }

    public static IEnumerable<string> SampleQuestions()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
            yield return $"{Fillers[random.Next(Fillers.Length)]} {Products[random.Next(Products.Length)]}的{Aspects[random.Next(Aspects.Length)]}{Askings[random.Next(Askings.Length)]}";
    }
}
