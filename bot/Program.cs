using ChatSupport.Bot;

// `eval` runs the first-message routing over a file of questions (see the knowledge contract);
// `intent-eval` prints the intent classifier's figures on the held-out part of its corpus;
// `migrate-keys` renames a store's keys from the layout before hash tags (dry run unless --apply);
// anything else starts the web service.
if (args.Length > 0 && args[0] == "eval")
{
    return await ChatSupport.Bot.Eval.EvalCommand.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "intent-eval")
{
    return await ChatSupport.Bot.Eval.IntentEvalCommand.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "migrate-keys")
{
    return await ChatSupport.Bot.Redis.Migration.MigrateKeysCommand.RunAsync(args[1..]);
}

var app = BotApplication.Build(args);
await app.RunAsync();
return 0;
