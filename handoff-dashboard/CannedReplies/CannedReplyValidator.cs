using System.Text.RegularExpressions;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>An input that passed validation, normalised (trimmed, shortcut lower-case with a leading '/').</summary>
public sealed record ValidCannedReply(string Title, string Text, string Category, string? Shortcut, CannedReplyKind Kind, CannedReplyScope Scope);

/// <summary>Checks one input; errors are keyed by the JSON field name so pages can show them next to the field.</summary>
public static partial class CannedReplyValidator
{
    [GeneratedRegex("^/[a-z0-9_-]{1,20}$")]
    private static partial Regex ShortcutShape();

    public static string? NormaliseShortcut(string? shortcut)
    {
        if (string.IsNullOrWhiteSpace(shortcut)) return null;
        var s = shortcut.Trim().ToLowerInvariant();
        return s.StartsWith('/') ? s : "/" + s;
    }

    public static (ValidCannedReply? Valid, Dictionary<string, string[]> Errors) Validate(CannedReplyInput input, CannedReplyOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        var text = input.Text?.Trim() ?? "";
        var category = input.Category?.Trim() ?? "";
        var shortcut = NormaliseShortcut(input.Shortcut);

        if (title.Length == 0) errors["title"] = ["请填写标题。"];
        else if (title.Length > options.MaxTitleLength) errors["title"] = [$"标题最多 {options.MaxTitleLength} 个字，现在有 {title.Length} 个字。"];

        if (text.Length == 0) errors["text"] = ["请填写回复内容。"];
        else if (text.Length > options.MaxTextLength) errors["text"] = [$"内容最多 {options.MaxTextLength} 个字，现在有 {text.Length} 个字，请删减后再保存。"];

        if (category.Length == 0) errors["category"] = ["请选择或填写分类。"];
        else if (category.Length > options.MaxCategoryLength) errors["category"] = [$"分类名最多 {options.MaxCategoryLength} 个字。"];

        if (shortcut is not null && !ShortcutShape().IsMatch(shortcut))
            errors["shortcut"] = ["快捷码以 / 开头，后面是 1 到 20 个小写字母、数字、- 或 _，例如 /tk。"];

        if (errors.Count > 0) return (null, errors);
        return (new ValidCannedReply(title, text, category, shortcut, input.Kind ?? CannedReplyKind.Reply, input.Scope ?? CannedReplyScope.Personal), errors);
    }
}
