using System.Text.RegularExpressions;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>
/// Customer profiles: search, the profile with its history, corrections from the chat, assignment to an agent (with the
/// balance rule's suggestion), recorded contacts, "my customers" with the seven-day due list, and merging duplicates.
/// Who may see a customer is who may see their chats (<see cref="ConversationAccess.CanViewCustomer"/>).
/// </summary>
public static partial class CustomerEndpoints
{
    public static void AddCustomers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CustomerOptions>()
            .Bind(builder.Configuration.GetSection(CustomerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CustomerStore>();
        builder.Services.AddSingleton<CustomerReader>();
        builder.Services.AddSingleton<DemandingCustomers>();
        builder.Services.AddSingleton<AgentPool>();
        builder.Services.AddSingleton<Reports.IHandoffEventSink, CustomerIntake>();
        builder.Services.RemoveAll<IPreferredAgent>();
        builder.Services.AddSingleton<IPreferredAgent, OwnAgentFirst>();
    }

    public static void MapCustomers(this WebApplication app)
    {
        var api = app.MapGroup("/api/customers").WithTags("Customers");
        api.MapGet("/", SearchAsync).WithSummary("Customers matching q (name, id, tag, member level; supervisors also phone and e-mail). Agents: the customers they are responsible for or served; supervisors: all.");
        api.MapGet("/mine", MineAsync).WithSummary("The caller's customers with the next contact due (every Customers:ContactEvery, default 7 days), soonest first; ?overdue=true: past due only.");
        api.MapGet("/{id}", GetAsync).WithSummary("A customer's profile (contact details masked unless the caller is a supervisor, the responsible agent or serving them now) with notes, contacts and history: conversations, complaints, follow-ups, orders.");
        api.MapPut("/{id}", UpdateAsync).WithSummary("Adds or corrects details (null: unchanged, empty: cleared); note is appended. Whoever may view the customer.");
        api.MapPost("/{id}/assign", AssignAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy)
            .WithSummary("Makes an agent responsible for the customer; without agentId the balance rule's suggestion is used. Supervisors.");
        api.MapGet("/{id}/suggested-agent", SuggestAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy)
            .WithSummary("The balance rule's suggestion (fewest customers; complainants to agents with the complaints skill) with every agent's load. Supervisors.");
        api.MapPost("/{id}/contacts", RecordContactAsync).WithSummary("Records a contact with the customer (responsible agent or supervisor); the next one is due ContactEvery later.");
        api.MapPost("/{id}/merge", MergeAsync).RequireAuthorization(DashboardRoles.SupervisorPolicy)
            .WithSummary("Merges the duplicate profile duplicateId into this one (history, notes, contacts, missing details). Supervisors.");
    }

    private static async Task<IResult> SearchAsync(string? q, SignedInAgent user, CustomerStore customers, ConversationStore conversations,
        CustomerReader reader, IOptions<CustomerOptions> options)
    {
        var term = q?.Trim() ?? "";
        if (term.Length > 100) return Invalid("q", "搜索内容最多 100 个字。");
        IReadOnlyList<CustomerProfile> pool;
        var supervisor = user.IsSupervisor;
        if (supervisor) pool = await customers.GetManyAsync(await customers.RecentIdsAsync(options.Value.SearchScan));
        else
        {
            var me = user.Id;
            var ids = (await customers.AgentCustomersAsync(me)).Select(c => c.CustomerId).ToList();
            ids.AddRange((await conversations.GetManyAsync(await conversations.AgentConversationIdsAsync(me)))
                .Where(c => c.Assignee == me && c.CustomerId is not null).Select(c => c.CustomerId!));
            pool = (await customers.GetManyAsync(ids.Distinct())).Where(p => p.MergedInto is null).ToList();
        }
        bool Has(string? s) => s is not null && s.Contains(term, StringComparison.OrdinalIgnoreCase);
        var found = pool
            .Where(p => term.Length == 0 || Has(p.Id) || Has(p.DisplayName) || Has(p.MemberLevel) || p.Tags.Any(Has)
                || (supervisor && (Has(p.Phone) || Has(p.Email))))
            .Take(50)
            .Select(p => reader.ListItem(p, null))
            .ToList();
        return Results.Ok(found);
    }

    private static async Task<IResult> MineAsync(bool? overdue, SignedInAgent user, CustomerStore customers, CustomerReader reader)
    {
        var due = await customers.AgentCustomersAsync(user.Id);
        var profiles = (await customers.GetManyAsync(due.Select(d => d.CustomerId))).ToDictionary(p => p.Id);
        var list = due.Where(d => profiles.TryGetValue(d.CustomerId, out var p) && p.AgentId == user.Id)
            .Select(d => reader.ListItem(profiles[d.CustomerId], d.DueAt))
            .Where(i => overdue != true || i.Overdue)
            .ToList();
        return Results.Ok(list);
    }

    private static async Task<IResult> GetAsync(string id, SignedInAgent user, CustomerReader reader, CancellationToken ct)
    {
        var check = await reader.CheckAsync(user, id);
        if (Denied(check) is { } denied) return denied;
        return Results.Ok(await reader.DetailAsync(user, check, ct));
    }

    private static async Task<IResult> UpdateAsync(string id, UpdateCustomerRequest request, SignedInAgent user, CustomerReader reader,
        CustomerStore customers, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string? value, int max, string label)
        {
            if (value is not null && value.Trim().Length > max) errors[field] = [$"{label}最多 {max} 个字。"];
        }
        Check("displayName", request.DisplayName, 50, "称呼");
        Check("phone", request.Phone, 30, "电话");
        Check("email", request.Email, 100, "邮箱");
        Check("address", request.Address, 200, "地址");
        Check("memberLevel", request.MemberLevel, 20, "会员等级");
        Check("note", request.Note, 2000, "备注");
        if (!string.IsNullOrWhiteSpace(request.Phone) && !PhonePattern().IsMatch(request.Phone.Trim())) errors["phone"] = ["电话只能包含数字、空格、+ 和 -。"];
        if (!string.IsNullOrWhiteSpace(request.Email) && !request.Email.Contains('@')) errors["email"] = ["邮箱格式不正确。"];
        var tags = request.Tags?.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct().ToList();
        if (tags is not null && (tags.Count > 20 || tags.Any(t => t.Length > 20))) errors["tags"] = ["标签最多 20 个，每个最多 20 个字。"];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: errors.Values.First()[0]);

        var check = await reader.CheckAsync(user, id);
        if (Denied(check) is { } denied) return denied;
        var profile = check.Profile!;
        var now = clock.GetUtcNow();
        var changes = new Dictionary<string, string?>();
        void Change(string field, string? value) { if (value is not null) changes[field] = value.Trim().Length == 0 ? null : value.Trim(); }
        Change("displayName", request.DisplayName);
        Change("phone", request.Phone);
        Change("email", request.Email);
        Change("address", request.Address);
        Change("memberLevel", request.MemberLevel);
        if (tags is not null) changes["tags"] = CustomerStore.TagsField(tags);
        // A profile known only from its chats gets its identity written with the first correction.
        if (profile.ShopperId is not null) changes.TryAdd("shopperId", profile.ShopperId);
        await customers.UpdateAsync(profile.Id, changes, user.Id, now);
        if (!string.IsNullOrWhiteSpace(request.Note))
            await customers.AddNoteAsync(profile.Id, new CustomerNote(now, user.Id, AgentRef.Of(user).Name, request.Note.Trim()));
        return Results.Ok(await reader.DetailAsync(user, await reader.CheckAsync(user, profile.Id), ct));
    }

    private static async Task<IResult> SuggestAsync(string id, SignedInAgent user, CustomerReader reader, AgentPool pool, DemandingCustomers demanding)
    {
        var check = await reader.CheckAsync(user, id);
        if (Denied(check) is { } denied) return denied;
        var candidates = await pool.WithCustomerLoadsAsync();
        var isDemanding = (await demanding.ComplainantsAsync()).Contains(check.Profile!.Id);
        var pick = CustomerBalance.Pick(candidates, isDemanding);
        return Results.Ok(new
        {
            suggested = pick is null ? null : new { agentId = pick.AgentId, name = pick.Name },
            demanding = isDemanding,
            agents = candidates.Select(c => new { agentId = c.AgentId, name = c.Name, customers = c.Load, skills = c.Skills.Order(StringComparer.Ordinal) }),
        });
    }

    private static async Task<IResult> AssignAsync(string id, AssignCustomerRequest request, SignedInAgent user, CustomerReader reader,
        CustomerStore customers, AgentPool pool, DemandingCustomers demanding, TimeProvider clock, IOptions<CustomerOptions> options, CancellationToken ct)
    {
        var check = await reader.CheckAsync(user, id);
        if (Denied(check) is { } denied) return denied;
        var candidates = await pool.WithCustomerLoadsAsync();
        BalanceCandidate? target;
        if (string.IsNullOrWhiteSpace(request.AgentId))
        {
            target = CustomerBalance.Pick(candidates, (await demanding.ComplainantsAsync()).Contains(check.Profile!.Id));
            if (target is null) return Problem(StatusCodes.Status409Conflict, "没有可分配的客服账号。");
        }
        else
        {
            target = candidates.FirstOrDefault(c => c.AgentId == RedisUserStore.IdFor(request.AgentId.Trim()));
            if (target is null) return Invalid("agentId", "没有这个客服，或该账号已停用。");
        }
        await customers.AssignAsync(check.Profile!.Id, target.AgentId, target.Name, clock.GetUtcNow(), options.Value.ContactEvery);
        return Results.Ok(await reader.DetailAsync(user, await reader.CheckAsync(user, check.Profile.Id), ct));
    }

    private static async Task<IResult> RecordContactAsync(string id, RecordContactRequest request, SignedInAgent user, CustomerReader reader,
        CustomerStore customers, TimeProvider clock, IOptions<CustomerOptions> options, CancellationToken ct)
    {
        var note = request.Note?.Trim() ?? "";
        var channel = string.IsNullOrWhiteSpace(request.Channel) ? "电话" : request.Channel.Trim();
        if (note.Length == 0) return Invalid("note", "请填写联系情况。");
        if (note.Length > 2000) return Invalid("note", "联系情况最多 2000 个字。");
        if (channel.Length > 20) return Invalid("channel", "联系方式最多 20 个字。");
        var check = await reader.CheckAsync(user, id);
        if (Denied(check) is { } denied) return denied;
        var profile = check.Profile!;
        if (profile.AgentId is null) return Problem(StatusCodes.Status409Conflict, "这位顾客还没有分配负责的客服。");
        if (profile.AgentId != user.Id && !user.IsSupervisor) return Problem(StatusCodes.Status403Forbidden, "只有负责这位顾客的客服可以登记联系。");
        var me = user;
        await customers.RecordContactAsync(profile.Id, profile.AgentId, new CustomerContact(clock.GetUtcNow(), me.Id, me.Name, channel, note), options.Value.ContactEvery);
        return Results.Ok(await reader.DetailAsync(user, await reader.CheckAsync(user, profile.Id), ct));
    }

    private static async Task<IResult> MergeAsync(string id, MergeCustomerRequest request, SignedInAgent user, CustomerReader reader,
        CustomerStore customers, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.DuplicateId)) return Invalid("duplicateId", "请选择要合并的重复资料。");
        var target = await customers.GetAsync(id);
        var duplicate = await customers.GetRawAsync(request.DuplicateId.Trim());
        if (target is null || duplicate is null) return Problem(StatusCodes.Status404NotFound, "顾客资料不存在。");
        if (target.Id == duplicate.Id || duplicate.MergedInto == target.Id) return Invalid("duplicateId", "这两份资料已经是同一位顾客。");
        await customers.MergeAsync(target, duplicate, user.Id, clock.GetUtcNow());
        return Results.Ok(await reader.DetailAsync(user, await reader.CheckAsync(user, target.Id), ct));
    }

    private static IResult? Denied(CustomerReader.Checked check) => check.Access switch
    {
        CustomerReader.Access.NotFound => Problem(StatusCodes.Status404NotFound, "顾客资料不存在。"),
        CustomerReader.Access.Denied => Problem(StatusCodes.Status403Forbidden, "无权查看这位顾客：只能查看自己负责或接待过的顾客。"),
        _ => null,
    };

    [GeneratedRegex(@"^[0-9+\- ]{3,30}$")]
    private static partial Regex PhonePattern();

    private static IResult Problem(int status, string title) => Results.Problem(title: title, statusCode: status);

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: message);
}
