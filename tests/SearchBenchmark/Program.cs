using System.Diagnostics;
using ChatSupport.HandoffDashboard.Search;

// Query latency of the dashboard's conversation index (handoff-dashboard/Search) at production size: one Lucene
// document per conversation, the same analyzers, filters, access scope and highlighting the endpoint runs. The live
// access check the endpoint adds afterwards is one pipelined Redis read of the page's records (not measured here).
var conversations = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var perConversation = args.Length > 1 ? int.Parse(args[1]) : 15;
var queries = args.Length > 2 ? int.Parse(args[2]) : 2_000;
Console.WriteLine($"conversations={conversations} messages={conversations * perConversation} queries={queries}");

string[] surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高", "罗"];
string[] given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "小红", "建华", "志强", "晓东"];
string[] shopper =
[
    "我想申请退款，订单号 {0}", "快递三天了还没到，能帮我查一下吗", "这个款式还有红色的吗", "衣服尺码偏小，可以换大一码吗",
    "收到的商品包装破损了", "我要退貨，東西有瑕疵", "什么时候发货？我很急", "发票抬头写错了能重开吗", "优惠券为什么用不了",
    "顺丰快递员一直没来取件", "能不能改一下收货地址", "商品和图片不一样，我要投诉", "退款多久能到账", "请问有没有会员折扣",
    "我付款了但是订单显示未支付", "可以开增值税专用发票吗", "客服你好，在吗", "物流信息一直没有更新", "我想取消订单 {0}",
    "赠品没有收到", "手机壳的颜色发错了", "这款耳机支持降噪吗", "運費險怎麼理賠", "尺碼表在哪裡看",
];
string[] bot = ["您好，请问有什么可以帮您？", "请提供一下订单号，我帮您查询。", "已为您转接人工客服，请稍候。", "七天无理由退货需保持商品完好。", "退款一般 1-3 个工作日原路退回。"];
string[] agent =
[
    "您好，我是客服，很高兴为您服务", "已为您登记退货，快递员明天上门取件", "非常抱歉给您带来不便，马上为您处理", "已经帮您催促仓库尽快发货",
    "发票会在 24 小时内重新开具", "优惠券需满 199 元才能使用", "已为您修改收货地址", "补发的赠品今天寄出", "退款已经提交，请留意到账信息",
    "请您拍一下破损的照片发给我", "这款耳机支持主动降噪", "还有其他可以帮您的吗？",
];
string[] reasons = ["after-sales", "complaint", "human"];
string[] labels = ["退款", "物流异常", "VIP", "投诉升级", "发票"];
string[] csat = ["满意", "一般", "不满意", ""];

var random = new Random(42);
var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
var folder = Path.Combine(Path.GetTempPath(), "chatsupport-search-bench-" + Guid.NewGuid().ToString("N"));
using (var index = new ConversationIndex(folder, ramBufferMb: 128))
{
    var build = Stopwatch.StartNew();
    var documents = new List<ConversationDocument>(conversations);
    for (var c = 0; c < conversations; c++)
    {
        var at = start.AddMinutes(random.Next(0, 90 * 24 * 60));
        var name = surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)];
        var agentId = "agent" + random.Next(50).ToString("00");
        var lines = new List<SearchLine>(perConversation);
        for (var m = 0; m < perConversation; m++)
        {
            var t = at.AddSeconds(m * 40);
            var text = m switch
            {
                0 => bot[0],
                _ when m % 3 == 1 => string.Format(shopper[random.Next(shopper.Length)], "A" + random.Next(100000, 999999)),
                _ when m < 3 => bot[random.Next(1, bot.Length)],
                _ => agent[random.Next(agent.Length)],
            };
            var sender = m == 0 || (m < 3 && m % 3 != 1) ? "bot" : m % 3 == 1 ? "customer" : "agent";
            lines.Add(new SearchLine(sender, sender == "customer" ? name : sender == "agent" ? "客服" + agentId : "小助手", t, text));
        }
        var c1 = csat[random.Next(csat.Length)];
        documents.Add(new ConversationDocument("conv-" + c, random.Next(20) == 0 ? "WaitingForAgent" : "Closed", "cust-" + random.Next(40000), name,
            reasons[random.Next(reasons.Length)], at, lines[^1].At, agentId, "客服" + agentId, [agentId],
            random.Next(4) == 0 ? [labels[random.Next(labels.Length)]] : [], c1.Length == 0 ? null : c1, lines));
    }
    // IndexWriter is thread-safe: analysis (the costly part) runs on every core, as a rebuild could.
    var done = 0;
    Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, doc =>
    {
        index.Upsert(doc);
        var n = Interlocked.Increment(ref done);
        if (n % 20_000 == 0) Console.WriteLine($"  indexed {n} in {build.Elapsed.TotalSeconds:F0} s");
    });
    index.Refresh();
    Console.WriteLine($"index built: {index.Count} conversations in {build.Elapsed.TotalSeconds:F1} s");

    // Single-document updates as the stream feed makes them: replace one conversation, refresh, visible.
    var updates = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var watch = Stopwatch.StartNew();
        var id = "conv-" + random.Next(conversations);
        index.Upsert(new ConversationDocument(id, "WithAgent", "cust-x", "测试", "human", start, start.AddDays(1), "agent00", "客服agent00", ["agent00"], [], null,
            [new SearchLine("customer", "测试", start, "更新标记" + i)]));
        index.Refresh();
        if (index.Search(new SearchQuery("更新标记" + i)).Hits.Count != 1) throw new InvalidOperationException("update not visible");
        updates.Add(watch.Elapsed.TotalMilliseconds);
    }
    Report("update → visible (upsert + refresh + search)", updates);

    var mix = new Func<int, SearchQuery>[]
    {
        i => new SearchQuery("退款"),
        i => new SearchQuery("快递"),
        i => new SearchQuery("退货 破损"),
        i => new SearchQuery("退貨"),
        i => new SearchQuery("發票"),
        i => new SearchQuery("上门取件", OnlyForAgent: "agent" + (i % 50).ToString("00")),
        i => new SearchQuery("优惠券", Label: "VIP"),
        i => new SearchQuery("zw"),
        i => new SearchQuery("降噪", Csat: "不满意", Reason: "complaint"),
        i => new SearchQuery("A" + random.Next(100000, 999999)),
        i => new SearchQuery(null, Agent: "agent" + (i % 50).ToString("00"), From: start.AddDays(30), To: start.AddDays(37)),
        i => new SearchQuery("地址", From: start.AddDays(60)),
    };
    for (var i = 0; i < 200; i++) index.Search(mix[i % mix.Length](i)); // warm-up (JIT, caches)
    var latencies = new List<double>(queries);
    var perKind = mix.Select(_ => new List<double>()).ToArray();
    long totalHits = 0;
    for (var i = 0; i < queries; i++)
    {
        var kind = i % mix.Length;
        var watch = Stopwatch.StartNew();
        var result = index.Search(mix[kind](i));
        var ms = watch.Elapsed.TotalMilliseconds;
        totalHits += result.Total;
        latencies.Add(ms);
        perKind[kind].Add(ms);
    }
    Report("search (all kinds)", latencies);
    string[] names = ["退款", "快递 (pairs)", "退货 破损", "退貨 (trad)", "發票 (trad)", "上门取件 agent scope", "优惠券 label", "zw initials", "降噪 csat+reason", "order no.", "filters only", "地址 from"];
    for (var k = 0; k < mix.Length; k++) Report("  " + names[k], perKind[k]);
    Console.WriteLine($"mean hits per query: {totalHits / queries}");
}
Directory.Delete(folder, recursive: true);

static void Report(string what, List<double> samples)
{
    var sorted = samples.Order().ToArray();
    double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    Console.WriteLine($"{what}: n={sorted.Length} p50={P(0.50):F1} ms p95={P(0.95):F1} ms p99={P(0.99):F1} ms max={sorted[^1]:F1} ms");
}
