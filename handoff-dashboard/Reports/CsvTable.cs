using System.Globalization;
using System.Text;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>
/// RFC 4180 CSV for spreadsheets. A cell that starts with =, +, -, @ (or a tab / carriage return, which some
/// spreadsheets skip before reading a formula) is prefixed with ' so it opens as text, not as a formula.
/// </summary>
public sealed class CsvTable
{
    private readonly StringBuilder _text = new();

    public CsvTable Row(params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(Cell(cells[i]));
        }
        _text.Append("\r\n");
        return this;
    }

    public static string Cell(object? value)
    {
        var s = value switch
        {
            null => "",
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    /// <summary>UTF-8 with a BOM, so spreadsheet programs read the Chinese headers correctly.</summary>
    public IResult ToResult(string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(_text.ToString())).ToArray(),
            "text/csv; charset=utf-8", fileName);

    public override string ToString() => _text.ToString();
}
