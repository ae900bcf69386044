
namespace ChatSupport.Bot.Handoff;

/// <summary>Redis stream ids ("ms-seq") in order.</summary>
public static class StreamIds
{
    public static int Compare(string a, string b)
    {
        static (long, long) Parse(string id)
        {
            var dash = id.IndexOf('-');
            return dash < 0 ? (long.Parse(id), 0) : (long.Parse(id[..dash]), long.Parse(id[(dash + 1)..]));
        }
        return Parse(a).CompareTo(Parse(b));
    }
}
