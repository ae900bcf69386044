namespace ChatSupport.Bot.Attachments;

/// <summary>What the shopper is told about the files they send: always what to do next, never a bare "no".</summary>
public static class AttachmentWording
{
    public static string Refused(AttachmentProblem problem, long maxBytes, int maxFiles) => problem switch
    {
        AttachmentProblem.TooLarge => $"这个文件有点大，小禾收不下（每个文件最大 {maxBytes / (1024 * 1024)} MB）。麻烦压缩一下或截个图再发给我～",
        AttachmentProblem.TooMany => $"一次最多发 {maxFiles} 个文件哦，麻烦分几次发给我～",
        AttachmentProblem.UnsupportedType => "目前可以发送图片（JPG、PNG、WebP、HEIC）和 PDF 文件。麻烦换成这几种格式再发一次～",
        AttachmentProblem.ContentMismatch => "这个文件的格式和它的名字对不上，小禾没能收下。麻烦直接发原图或导出成 JPG / PDF 再试一次～",
        AttachmentProblem.Broken => "这张图片好像损坏了，打不开。麻烦重新拍一张或换一张再发给我～",
        _ => "刚才的文件没有发出去，麻烦再选一次文件试试～",
    };

    public const string WrongConversation = "刚才的文件没有发出去，麻烦刷新页面后再发一次～";

    /// <summary>A photo or file sent while the bot is in charge: acknowledged, with the way to a person who can look at it.</summary>
    public const string ReceivedByBot = "收到您发的文件了～如果是商品有问题（破损、漏液、发错货等），请简单说一下情况，或者点“转人工客服”，客服会直接看到这些图片。";
}
