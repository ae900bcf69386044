namespace ChatSupport.Bot.Eval;

// TODO: owned by the knowledge work (issue 3); replaced there.
public static class EvalCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("eval: not built yet");
        return Task.FromResult(2);
    }
}
