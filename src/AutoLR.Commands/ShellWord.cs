using System.Text.RegularExpressions;

namespace AutoLR.Commands;

/// <summary>
/// Quotes one argument for a POSIX shell, so that a printed command (the <c>resume with:</c> line) pastes back as
/// the same argument even when a path holds spaces, <c>$</c>, quotes or globs.
/// </summary>
public static partial class ShellWord
{
    /// <summary><paramref name="word"/> as is when the shell gives none of its characters a meaning, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && PlainWord().IsMatch(word) ? word : "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex PlainWord();
}
