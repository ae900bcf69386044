using ChatSupport.Bot;

// `eval` runs the first-message routing over a file of questions (see the knowledge contract);
// anything else starts the web service.
if (args.Length > 0 && args[0] == "eval")
{
    return await ChatSupport.Bot.Eval.EvalCommand.RunAsync(args[1..]);
}

var app = BotApplication.Build(args);
await app.RunAsync();
return 0;
