namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// Messages a shopper might send any store that no store FAQ answers: chit-chat, everyday questions, other
/// services, other people's products. Written for calibration (where wrong matches sit for a given folder), in
/// both scripts and a little Cantonese; never taken from an evaluation set. A folder that really answers one of
/// them only makes its thresholds a little stricter.
/// </summary>
public static class OffTopicMessages
{
    public static readonly IReadOnlyList<string> All =
    [
        "今天天气怎么样",
        "明天会下雨吗 要不要带伞",
        "你会讲笑话吗",
        "帮我写一首关于春天的诗",
        "附近有什么好吃的餐厅",
        "股票明天会涨吗",
        "我家的猫不吃饭怎么办",
        "去火车站怎么走最快",
        "推荐一部好看的电影",
        "英语口语怎么练比较快",
        "高铁票在哪里买便宜",
        "医院周末几点开门",
        "减肥晚上吃什么好",
        "帮我算一下十二乘以八等于多少",
        "周末带孩子去哪里玩比较好",
        "房租太贵了 有什么办法省钱",
        "你们招不招兼职",
        "孩子的数学作业不会做 能教一下吗",
        "昨晚的球赛谁赢了",
        "最近有什么好听的歌",
        "怎么申请信用卡",
        "今天油价多少钱一升",
        "你叫什么名字 多大了",
        "考驾照要多长时间",
        "头疼吃什么药好得快",
        "打车去机场大概多少钱",
        "结婚纪念日送什么礼物好",
        "怎样才能睡个好觉",
        "wifi密码是多少",
        "你们老板是谁",
        "我想买房 利率现在是多少",
        "银行几点下班",
        "今天星期几",
        "今日天氣點呀 會唔會落雨",
        "請問附近有捷運站嗎",
        "我想學煮菜 有沒有推薦的食譜",
        "電影院今晚還有票嗎",
        "幫我翻譯一下這句英文",
        "旅游签证怎么办理",
        "养花浇水多久一次",
        "小区停车费怎么交",
        "外卖怎么还没送到",
        "我想投资理财 有什么建议",
        "怎么做红烧肉好吃",
        "狗狗打疫苗要多少钱",
        "去日本旅游要准备什么",
    ];
}
