using System.Text;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// CSV (RFC 4180, UTF-8) for import and export. Export writes a BOM so spreadsheet programs read the
/// Chinese correctly, quotes every cell, and defuses formula injection: a cell starting with = + - @
/// (or tab / carriage return) gets a leading apostrophe. Import removes exactly that apostrophe again,
/// so an export imports back unchanged.
/// </summary>
public static class CannedReplyCsv
{
    public static readonly IReadOnlyList<string> Columns = ["id", "scope", "kind", "category", "title", "shortcut", "text"];
    public static readonly IReadOnlyList<string> RequiredColumns = ["category", "title", "text"];

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Write(IEnumerable<CannedReply> replies)
    {
        var sb = new StringBuilder();
        sb.Append('\uFEFF');
        sb.AppendJoin(',', Columns.Select(Quote)).Append("\r\n");
        foreach (var r in replies)
        {
            string[] cells = [r.Id, r.Scope.ToString(), r.Kind.ToString(), r.Category, r.Title, r.Shortcut ?? "", r.Text];
            sb.AppendJoin(',', cells.Select(c => Quote(Defuse(c)))).Append("\r\n");
        }
        return sb.ToString();
    }

    public static string Defuse(string cell) =>
        cell.Length > 0 && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;

    public static string Undefuse(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1]) ? cell[1..] : cell;

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";

    /// <summary>Parses CSV text into rows of cells. Throws <see cref="FormatException"/> on an unterminated quote.</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var cellStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else cell.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0:
                    inQuotes = true;
                    cellStarted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    cellStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (cellStarted || cell.Length > 0 || row.Count > 0)
                    {
                        row.Add(cell.ToString());
                        rows.Add(row);
                    }
                    row = [];
                    cell.Clear();
                    cellStarted = false;
                    break;
                default:
                    cell.Append(c);
                    cellStarted = true;
                    break;
            }
        }
        if (inQuotes) throw new FormatException("unterminated quoted cell");
        if (cellStarted || cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
