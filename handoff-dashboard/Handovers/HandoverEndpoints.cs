using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.FollowUps;
using ChatSupport.HandoffDashboard.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSupport.HandoffDashboard.Handovers;

public static class HandoverEndpoints
{
    public static void AddHandovers(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<HandoverOptions>()
            .Bind(builder.Configuration.GetSection(HandoverOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<HandoverStore>();
        builder.Services.TryAddSingleton<OpenChatsIndex>();
    }

    public static void MapHandovers(this WebApplication app)
    {
        var group = app.MapGroup("/api/handovers").WithTags("Handovers");

        group.MapGet("/", async (int? hours, SignedInAgent user, HandoverStore notes, OpenChatsIndex chats, FollowUpStore followUps, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var window = TimeSpan.FromHours(Math.Clamp(hours ?? 24, 1, 24 * 14));
            var open = await followUps.OpenAsync(now);
            return Results.Ok(new HandoverBoard(
                await notes.BetweenAsync(now - window, now.AddMinutes(1)),
                // Another agent's chat in progress is theirs: agents see their own, supervisors all.
                (await chats.WithAgentsAsync()).Where(c => ConversationAccess.CanSeeOpenChat(user, c.AgentId)).ToList(),
                await chats.WaitingAsync(),
                open.Where(f => f.Kind == FollowUpKinds.Case).ToList(),
                // Due before the next shift is over (a day ahead), overdue ones first.
                open.Where(f => f.Kind == FollowUpKinds.FollowUp && f.DueAt < now.AddDays(1)).ToList()));
        }).WithSummary("The handover board: recent notes (default the last 24 hours), open and waiting chats, open cases, follow-ups due.");

        group.MapPost("/", async (WriteHandoverRequest request, SignedInAgent user, HandoverStore notes, TimeProvider clock) =>
        {
            var text = request.Note?.Trim();
            if (string.IsNullOrEmpty(text))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["请填写交接内容。"] });
            if (text.Length > 4000)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["交接内容最多 4000 字。"] });
            var me = user;
            var note = new HandoverNote($"HO{Guid.NewGuid():N}"[..14], clock.GetUtcNow(), me.Id, me.Name, text);
            await notes.AddAsync(note);
            return Results.Created("/api/handovers", note);
        }).WithSummary("Writes a shift handover note.");
    }
}
