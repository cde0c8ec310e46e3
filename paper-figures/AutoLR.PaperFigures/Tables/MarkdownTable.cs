using System.Text;

namespace AutoLR.PaperFigures.Tables;

/// <summary>A Markdown table with a title and notes under it: the form every table of the renderer is written in.</summary>
public sealed class MarkdownTable(string title, IReadOnlyList<string> header, IReadOnlyList<bool> rightAligned)
{
    private readonly List<IReadOnlyList<string>> _rows = [];
    private readonly List<string> _notes = [];

    public MarkdownTable(string title, params (string Name, bool Right)[] columns)
        : this(title, columns.Select(c => c.Name).ToList(), columns.Select(c => c.Right).ToList())
    {
    }

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public void AddRow(params IReadOnlyList<string> cells)
    {
        if (cells.Count != header.Count) throw new ArgumentException($"A row of '{title}' has {cells.Count} cells for {header.Count} columns.", nameof(cells));
        _rows.Add(cells);
    }

    public void AddNote(string note) => _notes.Add(note);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("## ").AppendLine(title).AppendLine();
        text.AppendLine("| " + string.Join(" | ", header.Select(Escape)) + " |");
        text.AppendLine("|" + string.Concat(rightAligned.Select(r => r ? " ---: |" : " --- |")));
        foreach (var row in _rows) text.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        if (_notes.Count > 0) text.AppendLine();
        foreach (var note in _notes) text.Append("- ").AppendLine(note);
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
