using System.Text.RegularExpressions;
using ChatSupport.HandoffDashboard.Auth;
using Microsoft.AspNetCore.Identity;

namespace ChatSupport.HandoffDashboard.Agents;

/// <summary>Agent accounts (admin), the colleague directory, and each agent's own online / away status.</summary>
public static partial class AgentEndpoints
{
    public static void MapAgents(this WebApplication app)
    {
        var api = app.MapGroup("/api/agents").WithTags("Agents");
        api.MapGet("/", ListAsync).RequireAuthorization(DashboardRoles.AdminPolicy);
        api.MapPost("/", CreateAsync).RequireAuthorization(DashboardRoles.AdminPolicy);
        api.MapPut("/{id}", UpdateAsync).RequireAuthorization(DashboardRoles.AdminPolicy);
        api.MapPost("/{id}/disable", (string id, SignedInAgent user, RedisUserStore users) => SetDisabledAsync(id, true, user, users))
            .RequireAuthorization(DashboardRoles.AdminPolicy)
            .WithSummary("Disables an account: it cannot sign in and its sessions end within Dashboard:SignIn:RevalidateSeconds.");
        api.MapPost("/{id}/enable", (string id, SignedInAgent user, RedisUserStore users) => SetDisabledAsync(id, false, user, users))
            .RequireAuthorization(DashboardRoles.AdminPolicy)
            .WithSummary("Enables a disabled account again (the user signs in anew).");
        api.MapGet("/directory", DirectoryAsync);
        api.MapGet("/me/status", async (SignedInAgent user, AgentPresence presence) =>
            Results.Ok(new StatusResponse((await presence.GetAsync(user.Id)).ToWireName())));
        api.MapPut("/me/status", SetStatusAsync);
    }

    private static async Task<IResult> ListAsync(RedisUserStore users, AgentPresence presence)
    {
        var all = await users.ListAsync();
        var statuses = await presence.AllAsync();
        var loads = await presence.LoadsAsync(all.Select(u => u.Id));
        return Results.Ok(all.Select(u => new AgentView(
            u.Id, u.UserName, u.DisplayName, u.Roles, u.Skills, u.MaxConcurrentChats, u.EmployeeNumber,
            statuses.GetValueOrDefault(u.Id, AgentStatus.Offline).ToWireName(), loads[u.Id], u.Disabled)).ToList());
    }

    private static async Task<IResult> SetDisabledAsync(string id, bool disabled, SignedInAgent caller, RedisUserStore users)
    {
        var user = await users.FindAsync(id);
        if (user is null) return Results.Problem(title: "该客服不存在。", statusCode: StatusCodes.Status404NotFound);
        // An admin locking themselves out would leave nobody to undo it.
        if (disabled && user.Id == caller.Id) return Results.Problem(title: "不能停用自己的账号。", statusCode: StatusCodes.Status409Conflict);
        if (user.Disabled != disabled) user = user with { Disabled = disabled, SecurityStamp = DashboardUser.NewStamp() };
        await users.SaveAsync(user);
        return Results.Ok(ToView(user));
    }

    private static async Task<IResult> DirectoryAsync(RedisUserStore users, AgentPresence presence)
    {
        var all = await users.ListAsync();
        var statuses = await presence.AllAsync();
        var loads = await presence.LoadsAsync(all.Select(u => u.Id));
        return Results.Ok(all.Select(u => new AgentDirectoryEntry(
            u.Id, u.DisplayName, u.Roles, u.Skills, statuses.GetValueOrDefault(u.Id, AgentStatus.Offline).ToWireName(), loads[u.Id])).ToList());
    }

    private static async Task<IResult> CreateAsync(CreateAgentRequest request, RedisUserStore users, IPasswordHasher<DashboardUser> hasher)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = request.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName)) errors["userName"] = ["用户名须为 2–32 位字母、数字、点、下划线或连字符。"];
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length < 8) errors["password"] = ["密码至少 8 位。"];
        Validate(request.DisplayName, request.Roles, request.Skills, request.MaxConcurrentChats, errors, creating: true);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: string.Join(" ", errors.Values.SelectMany(v => v)));

        var user = new DashboardUser(RedisUserStore.IdFor(userName), userName, request.DisplayName!.Trim(), "",
            Distinct(request.Roles ?? [DashboardRoles.Agent]), Distinct(request.Skills ?? [AgentSkills.General]),
            request.MaxConcurrentChats ?? 5, string.IsNullOrWhiteSpace(request.EmployeeNumber) ? null : request.EmployeeNumber.Trim(),
            SecurityStamp: DashboardUser.NewStamp());
        user = user with { PasswordHash = hasher.HashPassword(user, request.Password!) };
        if (!await users.TryCreateAsync(user)) return Results.Problem(title: "用户名已存在。", statusCode: StatusCodes.Status409Conflict);
        return Results.Created($"/api/agents/{user.Id}", ToView(user));
    }

    private static async Task<IResult> UpdateAsync(string id, UpdateAgentRequest request, RedisUserStore users, IPasswordHasher<DashboardUser> hasher)
    {
        var user = await users.FindAsync(id);
        if (user is null) return Results.Problem(title: "该客服不存在。", statusCode: StatusCodes.Status404NotFound);
        var errors = new Dictionary<string, string[]>();
        if (request.Password is not null && request.Password.Length < 8) errors["password"] = ["密码至少 8 位。"];
        Validate(request.DisplayName, request.Roles, request.Skills, request.MaxConcurrentChats, errors, creating: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: string.Join(" ", errors.Values.SelectMany(v => v)));

        var before = user;
        user = user with
        {
            DisplayName = request.DisplayName?.Trim() ?? user.DisplayName,
            Roles = request.Roles is null ? user.Roles : Distinct(request.Roles),
            Skills = request.Skills is null ? user.Skills : Distinct(request.Skills),
            MaxConcurrentChats = request.MaxConcurrentChats ?? user.MaxConcurrentChats,
            EmployeeNumber = request.EmployeeNumber is null ? user.EmployeeNumber : request.EmployeeNumber.Trim(),
        };
        if (request.Password is not null) user = user with { PasswordHash = hasher.HashPassword(user, request.Password) };
        // New roles or a new password end the sessions issued before (SessionValidator compares the stamp).
        if (request.Password is not null || !before.Roles.Order(StringComparer.Ordinal).SequenceEqual(user.Roles.Order(StringComparer.Ordinal)))
            user = user with { SecurityStamp = DashboardUser.NewStamp() };
        await users.SaveAsync(user);
        return Results.Ok(ToView(user));
    }

    private static async Task<IResult> SetStatusAsync(StatusRequest request, SignedInAgent user, AgentPresence presence, IAgentAvailabilityListener availability)
    {
        var status = AgentStatusNames.FromWireName(request.Status);
        if (status is null or AgentStatus.Offline)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["状态只能是 online（在线）或 away（离开）。"] },
                title: "状态只能是 online（在线）或 away（离开）。");
        }
        await presence.SetAsync(user.Id, status.Value);
        if (status == AgentStatus.Online) availability.AgentCameOnline(user.Id);
        return Results.Ok(new StatusResponse(status.Value.ToWireName()));
    }

    private static void Validate(string? displayName, string[]? roles, string[]? skills, int? max, Dictionary<string, string[]> errors, bool creating)
    {
        if (creating ? string.IsNullOrWhiteSpace(displayName) : displayName is not null && string.IsNullOrWhiteSpace(displayName))
            errors["displayName"] = ["请填写显示名称。"];
        else if (displayName?.Trim().Length > 40) errors["displayName"] = ["显示名称最多 40 个字。"];
        if (roles is not null && (roles.Length == 0 || roles.Any(r => !DashboardRoles.All.Contains(r))))
            errors["roles"] = ["角色只能是 agent、supervisor、admin，且至少一个。"];
        if (skills is not null && skills.Any(s => !AgentSkills.All.Contains(s)))
            errors["skills"] = ["技能只能是 general、after-sales、complaints。"];
        if (max is < 0 or > 50) errors["maxConcurrentChats"] = ["同时接待上限须在 0 到 50 之间。"];
    }

    private static string[] Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).ToArray();

    private static AgentView ToView(DashboardUser u) =>
        new(u.Id, u.UserName, u.DisplayName, u.Roles, u.Skills, u.MaxConcurrentChats, u.EmployeeNumber, AgentStatus.Offline.ToWireName(), 0, u.Disabled);

    [GeneratedRegex("^[A-Za-z0-9._-]{2,32}$")]
    private static partial Regex UserNamePattern();
}
