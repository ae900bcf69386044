using System.Diagnostics;

/// <summary>
/// Sends <c>total</c> messages at <c>rate</c> per second, paced in 10 ms ticks (a batch per tick) rather than one timer
/// per message: the generator shares the machine with the bot, so its own overhead must stay small.
/// </summary>
static class PacedSender
{
    public static async Task RunAsync(int total, int rate, Func<int, Task> send)
    {
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        using (var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(10)))
        {
            var n = 0;
            while (n < total && await ticker.WaitForNextTickAsync())
            {
                var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate));
                for (; n < due; n++) sends.Add(send(n));
            }
        }
        await Task.WhenAll(sends);
    }

    /// <summary>
    /// The warm-up phase (<c>--warmup S</c>): the same traffic for S seconds before anything is measured, so the figures
    /// are the bot's steady state and not its first minute (JIT tier-up of thousands of methods, pools growing).
    /// </summary>
    public static async Task WarmUpAsync(LoadOptions options, Stats stats, Func<int, Task> send, Func<bool> drained)
    {
        if (options.WarmupSeconds <= 0) return;
        await RunAsync(options.Rate * options.WarmupSeconds, options.Rate, send);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!drained() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Console.WriteLine($"warm-up: {stats.Sent} messages over {options.WarmupSeconds} s, {stats.Replies} replies (not counted below)");
        stats.Reset();
    }
}
