using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// A hub connection is authenticated once, when it opens; this ends it when the session behind it ends (role
/// or password changed, account disabled), like <see cref="SessionValidator"/> does for HTTP requests: every
/// hub call is checked, and every open connection of this instance is re-checked each RevalidateSeconds
/// (at least every 5 s), so a page that only listens stops receiving chats too.
/// </summary>
public sealed class HubSessionGuard(SessionValidator sessions, IOptions<SignInOptions> options, ILogger<HubSessionGuard> logger)
    : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.Context.User is null || !await sessions.IsCurrentAsync(invocation.Context.User))
        {
            invocation.Context.Abort();
            throw new HubException("登录已失效，请重新登录。");
        }
        return await next(invocation);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _open[context.Context.ConnectionId] = context.Context;
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(options.Value.RevalidateSeconds, 1, 5));
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (id, connection) in _open)
            {
                try
                {
                    if (connection.User is null || !await sessions.IsCurrentAsync(connection.User))
                    {
                        logger.LogInformation("Closing hub connection {ConnectionId}: its session has ended", id);
                        _open.TryRemove(id, out _);
                        connection.Abort();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not re-check hub connection {ConnectionId}", id);
                }
            }
        }
    }
}
