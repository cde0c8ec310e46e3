using System.Text;

namespace AutoLR.Integration.Messages;

/// <summary>One string literal of the source (its text, interpolation holes included) and where it is.</summary>
public sealed record SourceLiteral(string File, int Line, string Text)
{
    public override string ToString() => $"{File}:{Line}: \"{Text}\"";
}

/// <summary>
/// The string literals of C# and F# source files, comments left out: "...", @"...", $"...", raw """...""" (and F#'s
/// triple-quoted strings). Text only — it reads the characters between the quotes, which is where every message,
/// help text and exception text lives.
/// </summary>
public static class SourceLiterals
{
    public static IEnumerable<SourceLiteral> In(string file)
    {
        var text = File.ReadAllText(file);
        var line = 1;
        var i = 0;
        var fsharp = file.EndsWith(".fs", StringComparison.Ordinal);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (c == '/' && At(text, i + 1, '/')) { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (!fsharp && c == '/' && At(text, i + 1, '*')) { i = Skip(text, i + 2, "*/", ref line); continue; }
            if (fsharp && c == '(' && At(text, i + 1, '*') && !At(text, i + 2, ')')) { i = Skip(text, i + 2, "*)", ref line); continue; }
            if (c == '\'' && !fsharp) { i = SkipChar(text, i); continue; }
            if (c != '"') { i++; continue; }

            var start = line;
            var verbatim = i > 0 && (text[i - 1] == '@' || (i > 1 && text[i - 2] == '@'));
            var body = new StringBuilder();
            if (text.AsSpan(i).StartsWith("\"\"\""))
            {
                var quotes = 0;
                while (i < text.Length && text[i] == '"') { quotes++; i++; }
                var end = new string('"', quotes);
                while (i < text.Length && !text.AsSpan(i).StartsWith(end))
                {
                    if (text[i] == '\n') line++;
                    body.Append(text[i++]);
                }
                i += quotes;
            }
            else
            {
                i++;
                while (i < text.Length)
                {
                    if (text[i] == '\\' && !verbatim) { body.Append(text[i]).Append(text[i + 1]); i += 2; continue; }
                    if (text[i] == '"' && verbatim && At(text, i + 1, '"')) { body.Append('"'); i += 2; continue; }
                    if (text[i] == '"') { i++; break; }
                    if (text[i] == '\n') line++;
                    body.Append(text[i++]);
                }
            }
            yield return new SourceLiteral(file, start, body.ToString());
        }
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static int Skip(string text, int i, string end, ref int line)
    {
        while (i < text.Length && !text.AsSpan(i).StartsWith(end))
        {
            if (text[i] == '\n') line++;
            i++;
        }
        return i + end.Length;
    }

    /// <summary>Past a C# character literal such as '"' or '\\'.</summary>
    private static int SkipChar(string text, int i)
    {
        if (At(text, i + 1, '\\') && At(text, i + 3, '\'')) return i + 4;
        if (At(text, i + 2, '\'')) return i + 3;
        return i + 1;
    }
}
