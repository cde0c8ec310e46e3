using System.Text;

namespace AutoLR.Commands;

/// <summary>
/// The process's stdout or stderr, which may stop accepting writes while a job runs: a terminal that closed (writes
/// then fail with EIO) or a log file on a full disk. A job must still reach its checkpoint and exit as it would, so the
/// first failed write marks the stream lost and every later write is dropped; the run directory keeps the record.
/// </summary>
public sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    private volatile bool _lost;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null; the inner writer decides what that means.
        get => inner.NewLine;
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        if (_lost) return;
        try
        {
            write();
        }
        catch (IOException)
        {
            _lost = true;
        }
    }
}
