using ChatSupport.HandoffDashboard.Complaints;
using ChatSupport.HandoffDashboard.Customers;
using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.HandoffDashboard.Sales;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>
/// Starts a programme: finds the group's customers, and creates one follow-up per customer due within
/// <see cref="FollowUpOptions.DueAfter"/>. A customer with a responsible agent is called by that agent; the others are
/// given out by <see cref="CustomerBalance"/> (the customer-assignment rule), counting each agent's open follow-ups as
/// their load, complainants weighing as demanding.
/// </summary>
public sealed class ProgrammeLauncher(
    CustomerStore customers, SalesLedger sales, ComplaintStore complaints, FollowUpStore followUps, ProgrammeStore programmes,
    AgentPool pool, DemandingCustomers demanding, IOptions<FollowUpOptions> options, IOptions<CustomerOptions> customerOptions)
{
    public const int MaxCustomers = 2000;

    public async Task<IReadOnlyList<string>> GroupAsync(string group, string? memberLevel, DayRange? period, DateTimeOffset now)
    {
        switch (group)
        {
            case ProgrammeGroups.Members:
                return (await customers.GetManyAsync(await customers.RecentIdsAsync(customerOptions.Value.SearchScan)))
                    .Where(p => p.MergedInto is null && p.MemberLevel is not null && (memberLevel is null || p.MemberLevel == memberLevel))
                    .Select(p => p.Id).ToList();
            case ProgrammeGroups.Shoppers:
                return await sales.ShoppersAsync(period!.Value.From, period.Value.To);
            default:
                // Closed (归档) in the period: its last change is the closing step.
                var archived = ComplaintState.Archived.ToWireName();
                return (await complaints.ListOpenedBetweenAsync(now.AddDays(-customerOptions.Value.HistoryDays), now.AddDays(1), 5000))
                    .Where(c => c.State == archived && c.CustomerId is not null && c.UpdatedAt >= period!.Value.Start && c.UpdatedAt < period.Value.End)
                    .Select(c => c.CustomerId!).Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    public async Task<FollowUpProgramme> StartAsync(string name, string group, string? memberLevel, DayRange? period, string subject,
        IReadOnlyList<string> customerIds, string by, string byName, DateTimeOffset now)
    {
        var id = await programmes.NextIdAsync();
        var profiles = (await customers.GetManyAsync(customerIds)).ToDictionary(p => p.Id);
        // A merged duplicate is called as the customer it went into, once.
        var targets = customerIds.Select(c => profiles.TryGetValue(c, out var p) && p.MergedInto is { } into ? into : c).Distinct().ToList();
        foreach (var p in await customers.GetManyAsync(targets.Where(t => !profiles.ContainsKey(t)))) profiles[p.Id] = p;

        var open = await followUps.OpenAsync(now);
        var candidates = (await pool.ActiveAgentsAsync())
            .Select(a => new BalanceCandidate(a.Id, a.DisplayName, a.Skills.ToHashSet(), open.LongCount(f => f.Owner == a.Id))).ToList();
        var byId = candidates.ToDictionary(c => c.AgentId);
        var complainants = group == ProgrammeGroups.Complainants ? targets.ToHashSet() : await demanding.ComplainantsAsync();

        var owners = new Dictionary<string, BalanceCandidate>();
        foreach (var t in targets)
            if (profiles.GetValueOrDefault(t)?.AgentId is { } own && byId.TryGetValue(own, out var agent)) owners[t] = agent;
        foreach (var (customer, agent) in CustomerBalance.Distribute(
                     targets.Where(t => !owners.ContainsKey(t)).Select(t => (t, complainants.Contains(t))),
                     candidates.Select(c => c with { Load = c.Load + owners.Values.Count(o => o.AgentId == c.AgentId) })))
            owners[customer] = agent;

        var created = new List<string>();
        foreach (var customer in targets)
        {
            var profile = profiles.GetValueOrDefault(customer);
            var owner = owners.GetValueOrDefault(customer);
            var item = new FollowUp
            {
                Id = await followUps.NextIdAsync(),
                Kind = FollowUpKinds.FollowUp,
                Subject = subject,
                CustomerName = profile?.DisplayName,
                Contact = profile?.Phone ?? profile?.Email,
                CustomerId = customer,
                ProgrammeId = id,
                Owner = owner?.AgentId,
                OwnerName = owner?.Name,
                DueAt = now + options.Value.DueAfter,
                CreatedAt = now,
                CreatedBy = by,
                Status = "open",
            };
            await followUps.TryCreateAsync(item);
            created.Add(item.Id);
        }
        var programme = new FollowUpProgramme(id, name, group, memberLevel, period?.From, period?.To, subject, now, by, byName, created.Count);
        await programmes.SaveAsync(programme, created);
        return programme;
    }

    public async Task<ProgrammeReport> ReportAsync(FollowUpProgramme programme, DateTimeOffset now)
    {
        var items = await followUps.GetManyAsync(await programmes.FollowUpIdsAsync(programme.Id), now);
        var reached = items.Count(i => i.Status == "done");
        return new ProgrammeReport(
            programme, items.Count, reached, items.Count == 0 ? null : Math.Round((double)reached / items.Count, 4), items.Count(i => i.Overdue),
            FollowUpResults.All.Select(r => new ProgrammeOutcome(r, items.Count(i => i.Result == r))).ToList(),
            items.GroupBy(i => (i.Owner, i.OwnerName)).OrderBy(g => g.Key.Owner, StringComparer.Ordinal)
                .Select(g => new ProgrammeAgentLine(g.Key.Owner, g.Key.OwnerName, g.Count(), g.Count(i => i.Status == "done"), g.Count(i => i.Overdue))).ToList(),
            items.Select(i => new ProgrammeReportLine(i.Id, i.CustomerId, i.CustomerName, i.DoneByName ?? i.OwnerName, i.Status, i.Overdue,
                i.Result, i.ResultNotes, i.DueAt, i.DoneAt)).ToList());
    }

    internal static CsvTable Csv(ProgrammeReport r)
    {
        var csv = new CsvTable()
            .Row("回访计划", r.Programme.Id, r.Programme.Name)
            .Row("应回访", r.Total, "已回访", r.Reached, "回访率", r.ReachedRate, "逾期", r.Overdue);
        foreach (var o in r.Outcomes) csv.Row(o.Result, o.Count);
        csv.Row();
        csv.Row("回访单", "顾客ID", "顾客", "客服", "状态", "逾期", "结果", "顾客反馈", "应回访时间", "完成时间");
        foreach (var l in r.Lines)
            csv.Row(l.FollowUpId, l.CustomerId, l.CustomerName, l.OwnerName, l.Status == "done" ? "已回访" : "未回访", l.Overdue ? "是" : "否",
                l.Result, l.ResultNotes, l.DueAt.ToString("yyyy-MM-dd HH:mm"), l.DoneAt?.ToString("yyyy-MM-dd HH:mm"));
        return csv;
    }
}
