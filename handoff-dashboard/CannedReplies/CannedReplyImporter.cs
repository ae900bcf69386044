using ChatSupport.HandoffDashboard.Auth;
using System.Text;
using System.Text.Json;

namespace ChatSupport.HandoffDashboard.CannedReplies;

public sealed record ImportResult(int Created, int Updated, Dictionary<string, string[]>? Errors)
{
    /// <summary>What was written (with usage counts carried over), so the writer's index can take it without a reload.</summary>
    public IReadOnlyList<CannedReply> Written { get; init; } = [];

    public bool Ok => Errors is null;
}

/// <summary>One item of an import or export file (JSON) / one CSV row.</summary>
public sealed record CannedReplyFileItem(
    string? Id, string? Scope, string? Kind, string? Category, string? Title, string? Shortcut, string? Text);

/// <summary>The JSON export: a version number and the items.</summary>
public sealed record CannedReplyFile(int Version, IReadOnlyList<CannedReplyFileItem> Items);

/// <summary>
/// Import, all or nothing: decode the whole file, validate every row (shape, permissions, duplicate
/// shortcuts within the file), then write every row in one Lua script that re-checks shortcuts
/// against Redis. Any error means nothing was written. Error keys are "items[row].field" (row = 1-based
/// data row) so the page can show them next to the row.
/// </summary>
public sealed class CannedReplyImporter(RedisCannedReplyStore store, CannedReplyIndex index, TimeProvider clock)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<ImportResult> ImportAsync(byte[] body, string format, SignedInAgent caller, CannedReplyOptions options, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Fail("file", "文件不是 UTF-8 编码（可能是 GBK/ANSI）。请在 Excel 或记事本里“另存为 UTF-8”后再导入。");
        }
        if (string.IsNullOrWhiteSpace(text)) return Fail("file", "文件是空的。");

        List<CannedReplyFileItem> rows;
        if (format == "csv")
        {
            var parsed = ParseCsv(text);
            if (parsed.Error is not null) return Fail("file", parsed.Error);
            rows = parsed.Rows!;
        }
        else
        {
            try
            {
                rows = ParseJson(text);
            }
            catch (JsonException ex)
            {
                return Fail("file", $"JSON 格式错误（第 {(ex.LineNumber ?? 0) + 1} 行附近）：应为数组，或含 items 数组的对象。");
            }
        }
        if (rows.Count == 0) return Fail("file", "文件里没有任何条目。");
        if (rows.Count > options.MaxImportItems) return Fail("file", $"一次最多导入 {options.MaxImportItems} 条，文件里有 {rows.Count} 条。");

        await index.EnsureLoadedAsync(store, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var items = new List<CannedReply>(rows.Count);
        var shortcutRows = new Dictionary<string, int>();
        var nextOrder = new Dictionary<string, int>();
        var now = clock.GetUtcNow();
        var created = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var key = $"items[{i + 1}]";
            if (!TryParseEnum<CannedReplyScope>(row.Scope, out var scope)) { errors[key + ".scope"] = ["范围只能是 Team 或 Personal。"]; continue; }
            if (!TryParseEnum<CannedReplyKind>(row.Kind, out var kind)) { errors[key + ".kind"] = ["类型只能是 Reply 或 Phrase。"]; continue; }
            var input = new CannedReplyInput(row.Title, row.Text, row.Category, row.Shortcut, kind, scope ?? CannedReplyScope.Personal);
            var (valid, rowErrors) = CannedReplyValidator.Validate(input, options);
            foreach (var (field, messages) in rowErrors) errors[$"{key}.{field}"] = messages;
            if (valid is null) continue;

            var existing = string.IsNullOrWhiteSpace(row.Id) ? null : index.Find(row.Id.Trim());
            if (existing is not null && (!caller.CanEdit(existing) || existing.Scope != valid.Scope))
            {
                errors[key + ".id"] = [existing.Scope != valid.Scope && caller.CanEdit(existing)
                    ? "已有条目的范围不能通过导入更改。"
                    : "这一条属于团队或其他客服，你没有权限修改。"];
                continue;
            }
            if (!caller.CanCreate(valid.Scope)) { errors[key + ".scope"] = ["只有主管或管理员可以导入团队话术。"]; continue; }

            var owner = valid.Scope == CannedReplyScope.Team ? null : existing?.OwnerId ?? caller.Id;
            if (valid.Shortcut is not null)
            {
                var slot = owner is null ? CannedReplyShortcutSlots.Team(valid.Shortcut) : CannedReplyShortcutSlots.Personal(owner, valid.Shortcut);
                if (shortcutRows.TryGetValue(slot, out var otherRow))
                {
                    errors[key + ".shortcut"] = [$"快捷码 {valid.Shortcut} 与第 {otherRow} 条重复。"];
                    continue;
                }
                shortcutRows[slot] = i + 1;
            }
            var order = existing?.Order ?? NextOrder(nextOrder, valid.Category);
            var id = existing?.Id ?? (IsUsableNewId(row.Id) ? row.Id!.Trim() : Guid.NewGuid().ToString("N"));
            if (existing is null) created++;
            items.Add(new CannedReply(id, valid.Scope, owner, valid.Kind, valid.Title, valid.Text, valid.Category, valid.Shortcut, order, now)
                { UsageCount = existing?.UsageCount ?? 0, Attachment = existing?.Attachment }); // import files carry no files: an item's own stays
        }
        if (errors.Count > 0) return new ImportResult(0, 0, errors);

        var write = await store.ImportAsync(items, cancellationToken);
        if (write.Outcome != WriteOutcome.Ok)
        {
            var rowKey = $"items[{write.FailedIndex + 1}]";
            return write.Outcome == WriteOutcome.DuplicateShortcut
                ? new ImportResult(0, 0, new() { [rowKey + ".shortcut"] = [$"快捷码 {items[write.FailedIndex].Shortcut} 已被其他话术使用，整个文件未导入。"] })
                : new ImportResult(0, 0, new() { [rowKey + ".id"] = ["这一条在导入时被别人改动了，整个文件未导入，请重试。"] });
        }
        return new ImportResult(created, items.Count - created, null) { Written = items };

        int NextOrder(Dictionary<string, int> orders, string category)
        {
            if (!orders.TryGetValue(category, out var n))
                n = index.Items.Where(x => x.Reply.Category == category).Select(x => x.Reply.Order).DefaultIfEmpty(0).Max();
            orders[category] = ++n;
            return n;
        }
    }

    private static bool IsUsableNewId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Trim().Length <= 64 && id.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool TryParseEnum<T>(string? value, out T? result) where T : struct, Enum
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) { result = parsed; return true; }
        return false;
    }

    private static List<CannedReplyFileItem> ParseJson(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var array = doc.RootElement.ValueKind switch
        {
            JsonValueKind.Array => doc.RootElement,
            JsonValueKind.Object when doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array => items,
            _ => throw new JsonException("expected an array or an object with items"),
        };
        var list = new List<CannedReplyFileItem>();
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object) throw new JsonException("item is not an object");
            list.Add(new CannedReplyFileItem(Str(element, "id"), Str(element, "scope"), Str(element, "kind"), Str(element, "category"),
                Str(element, "title"), Str(element, "shortcut"), Str(element, "text")));
        }
        return list;

        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => null,
                _ => v.GetRawText(),
            } : null;
    }

    private static (List<CannedReplyFileItem>? Rows, string? Error) ParseCsv(string text)
    {
        List<List<string>> table;
        try
        {
            table = CannedReplyCsv.Parse(text);
        }
        catch (FormatException)
        {
            return (null, "CSV 格式错误：有未闭合的引号。");
        }
        if (table.Count == 0) return (null, "文件是空的。");
        var header = table[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var unknown = header.Where(h => !CannedReplyCsv.Columns.Contains(h)).ToList();
        var missing = CannedReplyCsv.RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || header.Distinct().Count() != header.Count)
        {
            var detail = new List<string>();
            if (missing.Count > 0) detail.Add("缺少列：" + string.Join("、", missing));
            if (unknown.Count > 0) detail.Add("无法识别的列：" + string.Join("、", unknown));
            if (header.Distinct().Count() != header.Count) detail.Add("有重复的列");
            return (null, $"CSV 表头不对（{string.Join("；", detail)}）。第一行应为：{string.Join(",", CannedReplyCsv.Columns)}（id、scope、kind、shortcut 可省略）。");
        }
        var rows = new List<CannedReplyFileItem>(table.Count - 1);
        for (var r = 1; r < table.Count; r++)
        {
            var cells = table[r];
            if (cells.Count == 1 && cells[0].Length == 0) continue;
            if (cells.Count != header.Count)
                return (null, $"CSV 第 {r + 1} 行有 {cells.Count} 列，表头有 {header.Count} 列。");
            string? Cell(string name)
            {
                var i = header.IndexOf(name);
                return i < 0 ? null : CannedReplyCsv.Undefuse(cells[i]);
            }
            rows.Add(new CannedReplyFileItem(Cell("id"), Cell("scope"), Cell("kind"), Cell("category"), Cell("title"), Cell("shortcut"), Cell("text")));
        }
        return (rows, null);
    }

    private static ImportResult Fail(string field, string message) => new(0, 0, new() { [field] = [message] });
}
